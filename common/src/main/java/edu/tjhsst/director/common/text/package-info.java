/** How text someone typed is shown back to them in a message. */
package edu.tjhsst.director.common.text;
