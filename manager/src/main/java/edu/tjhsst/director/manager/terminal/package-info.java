/** Terminal sessions in a site: the grants the manager mints for them, and the web terminal on the site's page. */
package edu.tjhsst.director.manager.terminal;
