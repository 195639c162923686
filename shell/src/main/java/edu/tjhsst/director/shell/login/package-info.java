/** Who is logging in: the login name's parts and the limit on failed attempts. */
package edu.tjhsst.director.shell.login;
