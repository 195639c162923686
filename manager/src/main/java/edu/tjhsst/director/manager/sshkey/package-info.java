/** The SSH public keys people add to sign in to the shell server: parsing, storing and the page. */
package edu.tjhsst.director.manager.sshkey;
