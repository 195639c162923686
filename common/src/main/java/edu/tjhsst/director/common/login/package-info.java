/** Limits on failed sign-ins, shared by the portal and the SSH shell server. */
package edu.tjhsst.director.common.login;
