// An Express app behind one proxy ('trust proxy' 1, as its documentation says to set it up), whose links and
// redirects are absolute, so they must carry the port the browser used.
const express = require('express');
const app = express();
app.set('trust proxy', 1);
app.get('/', (req, res) => {
  const here = `${req.protocol}://${req.get('host')}/`;
  res.type('text/plain').send(`express ${require('express/package.json').version}\nhere=${here}\n`
    + `protocol=${req.protocol}\nip=${req.ip}\n`);
});
app.get('/go', (req, res) => res.redirect(`${req.protocol}://${req.get('host')}/`));
app.listen(Number(process.env.PORT), process.env.HOST, () => console.log('express listening'));
