/** What a component's unsigned health check answers. */
package edu.tjhsst.director.common.health;
