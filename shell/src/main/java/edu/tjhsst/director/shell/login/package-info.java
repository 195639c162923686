/** Who is logging in: the login name's parts (the limit on failed attempts is common's FailureLimiter). */
package edu.tjhsst.director.shell.login;
