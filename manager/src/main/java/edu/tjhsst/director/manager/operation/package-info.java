/** Long operations: ordered actions run by Quartz, recorded step by step and shown live. */
package edu.tjhsst.director.manager.operation;
