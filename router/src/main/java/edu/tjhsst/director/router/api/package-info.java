/** What every call to the router's API passes through: signature checks, the health check and one error body. */
package edu.tjhsst.director.router.api;
