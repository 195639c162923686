# Director's subvolume guard: it forbids a site's program, and everything the program starts, to make a Btrfs
# subvolume or snapshot, which would hold files outside the site's quota group, or to flag its folder read-only. A
# seccomp filter answers those ioctl requests with EPERM; every other call goes on to Docker's own filter, which stays.
# Perl, because every Debian image has perl-base and nothing needs to be built; the filter is classic BPF.
#   perl -e <this> -- exec <program> <arguments>   installs the filter, then becomes the program (a terminal's exec)
#   perl -e <this> -- init <program> <arguments>   installs the filter, then stays as the container's first process:
#                                                  runs the program, passes signals on, reaps orphans, exits as it did;
#                                                  so no process of the container is without the filter (one without
#                                                  it, like Docker's own init, could be traced and made to do it)
# Variables that steer Perl or the dynamic loader (LD_*, PERL*) arrive renamed DIRECTOR_GUARDED_<name>, so that they
# cannot run code before the filter is in place; they get their names back for the program.
use strict;
use Config;
my ($arch, $prctl, $seccomp, $ioctl) =
    $Config{archname} =~ /^x86_64/ ? (0xc000003e, 157, 317, 16)
  : $Config{archname} =~ /^aarch64/ ? (0xc00000b7, 167, 277, 29)
  : die "director: no subvolume guard for $Config{archname}\n";
# BTRFS_IOC_SNAP_CREATE, _SUBVOL_CREATE, _SNAP_CREATE_V2, _SUBVOL_CREATE_V2 (_IOW(0x94, n, 4096 bytes)), and
# BTRFS_IOC_SUBVOL_SETFLAGS (_IOW(0x94, 26, u64)), with which the owner of a subvolume's root could make it read-only.
my @refused = (0x50009401, 0x5000940e, 0x50009417, 0x50009418, 0x4008941a);
my $deny = 0x00050000 | 1;     # SECCOMP_RET_ERRNO | EPERM
my $allow = 0x7fff0000;        # SECCOMP_RET_ALLOW
sub op { pack('SCCL', @_) }    # struct sock_filter: code, jt, jf, k
my @filter = (
  op(0x20, 0, 0, 4),           # A = seccomp_data.arch
  op(0x15, 1, 0, $arch),       # the native calling convention goes on;
  op(0x06, 0, 0, $deny),       # another (32-bit, compat) is refused: it numbers ioctl differently
  op(0x20, 0, 0, 0),           # A = seccomp_data.nr
  op(0x35, 0, 1, 0x40000000),  # x32's calls carry bit 30: refused too
  op(0x06, 0, 0, $deny),
  op(0x15, 0, scalar(@refused) + 1, $ioctl),  # not ioctl: allowed
  op(0x20, 0, 0, 24),          # A = the low 32 bits of args[1], the request (the kernel reads 32 bits of it)
);
push @filter, op(0x15, scalar(@refused) - $_, 0, $refused[$_]) for 0 .. $#refused;
push @filter, op(0x06, 0, 0, $allow), op(0x06, 0, 0, $deny);
my $program = join('', @filter);
# struct sock_fprog: unsigned short len, padding, then a pointer to the filter.
my $fprog = pack('S x6 Q', scalar(@filter), unpack('Q', pack('p', $program)));
syscall($prctl, 38, 1, 0, 0, 0) == 0 or die "director: cannot set no_new_privs: $!\n";      # PR_SET_NO_NEW_PRIVS
syscall($seccomp, 1, 0, $fprog) == 0 or die "director: cannot install the subvolume guard: $!\n";  # SET_MODE_FILTER
for my $name (keys %ENV) {
  $ENV{$1} = delete $ENV{$name} if $name =~ /^DIRECTOR_GUARDED_(.+)$/;
}
my $mode = shift @ARGV // '';
@ARGV or die "director: nothing to run\n";
if ($mode eq 'exec') {
  exec { $ARGV[0] } @ARGV or die "director: cannot run $ARGV[0]: $!\n";
}
$mode eq 'init' or die "director: unknown guard mode $mode\n";
my $child = fork() // die "director: cannot start $ARGV[0]: $!\n";
if ($child == 0) {
  $SIG{$_} = 'DEFAULT' for keys %SIG;
  exec { $ARGV[0] } @ARGV or die "director: cannot run $ARGV[0]: $!\n";
}
$SIG{$_} = sub { kill $_[0], $child } for qw(TERM INT HUP QUIT USR1 USR2 WINCH CONT);
while (1) {
  my $done = waitpid(-1, 0);
  if ($done == $child) {
    exit(($? & 127) ? 128 + ($? & 127) : $? >> 8);
  }
  exit 1 if $done == -1 && !$!{EINTR};
}
