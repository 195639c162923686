package edu.tjhsst.director.orchestrator.file;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The C library's calls that {@link SiteHandle} needs and Java lacks, with their constants for Linux on x86-64 and
 * arm64; nothing else uses them. Each answers -1 on failure, with the reason in {@link Native#getLastError()}.
 */
interface LinuxCalls extends Library {

	LinuxCalls C = Native.load("c", LinuxCalls.class);

	/** Whether this is arm64; every other constant here is the same there as on x86-64. */
	boolean ARM64 = "aarch64".equals(com.sun.jna.Platform.ARCH);

	/** openat2(2) has no wrapper in glibc; its number is the same on every architecture (added in Linux 5.6). */
	long SYS_OPENAT2 = 437;

	int O_RDONLY = 0;

	int O_WRONLY = 01;

	int O_CREAT = 0100;

	int O_EXCL = 0200;

	/** arm64 numbers these two differently from x86-64 (its 0200000 and 0400000 are O_DIRECT and O_LARGEFILE). */
	int O_DIRECTORY = ARM64 ? 040000 : 0200000;

	int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;

	int O_CLOEXEC = 02000000;

	int O_PATH = 010000000;

	int AT_FDCWD = -100;

	int AT_SYMLINK_NOFOLLOW = 0x100;

	int AT_REMOVEDIR = 0x200;

	int AT_EMPTY_PATH = 0x1000;

	int RENAME_NOREPLACE = 1;

	long RESOLVE_NO_MAGICLINKS = 0x02;

	long RESOLVE_NO_SYMLINKS = 0x04;

	long RESOLVE_BENEATH = 0x08;

	int STATX_BASIC_STATS = 0x7ff;

	int ENOENT = 2;

	int EAGAIN = 11;

	int EEXIST = 17;

	int EXDEV = 18;

	int ENOTDIR = 20;

	int EISDIR = 21;

	int ENOTEMPTY = 39;

	int ELOOP = 40;

	/** {@code syscall(SYS_openat2, dirfd, path, &how, sizeof how)}. */
	long syscall(long number, int dirfd, String path, OpenHow how, long size);

	int open(String path, int flags, int mode);

	int close(int fd);

	int mkdirat(int dirfd, String path, int mode);

	int unlinkat(int dirfd, String path, int flags);

	int renameat2(int oldDirfd, String oldPath, int newDirfd, String newPath, int flags);

	int chmod(String path, int mode);

	int fchownat(int dirfd, String path, int uid, int gid, int flags);

	/** Fills a 256-byte {@code struct statx}, whose layout is the same on every architecture. */
	int statx(int dirfd, String path, int flags, int mask, Pointer statx);

	String strerror(int errno);

	/** {@code struct open_how} of openat2(2). */
	@Structure.FieldOrder({ "flags", "mode", "resolve" })
	class OpenHow extends Structure {

		public long flags;

		public long mode;

		public long resolve;

		OpenHow(long flags, long mode, long resolve) {
			this.flags = flags;
			this.mode = mode;
			this.resolve = resolve;
		}

	}

}
