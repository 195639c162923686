/**
 * Each site's own Unix user: its uid, and the account files its containers see as {@code /etc/passwd} and
 * {@code /etc/group}.
 */
package edu.tjhsst.director.orchestrator.account;
