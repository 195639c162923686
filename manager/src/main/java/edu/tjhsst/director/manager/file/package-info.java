/** The browser file editor: its page, its JSON API, uploads and downloads, and the live file tree. */
package edu.tjhsst.director.manager.file;
