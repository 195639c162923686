/** Custom domains a site may be served on: the whitelist every such name passes before it is used anywhere. */
package edu.tjhsst.director.common.domain;
