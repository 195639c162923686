# Director's subvolume guard: before it runs a site's program, it forbids the program, and everything the program
# starts, to make a Btrfs subvolume or snapshot, which would hold files outside the site's quota group. A seccomp
# filter answers those four ioctl requests with EPERM; every other call goes on to Docker's own filter, which stays.
# Perl, because every Debian image has perl-base and nothing needs to be built; the filter is classic BPF.
use strict;
use Config;
my ($arch, $prctl, $seccomp, $ioctl) =
    $Config{archname} =~ /^x86_64/ ? (0xc000003e, 157, 317, 16)
  : $Config{archname} =~ /^aarch64/ ? (0xc00000b7, 167, 277, 29)
  : die "director: no subvolume guard for $Config{archname}\n";
# BTRFS_IOC_SNAP_CREATE, _SUBVOL_CREATE, _SNAP_CREATE_V2, _SUBVOL_CREATE_V2: _IOW(0x94, n, 4096 bytes).
my @refused = (0x50009401, 0x5000940e, 0x50009417, 0x50009418);
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
@ARGV or die "director: nothing to run\n";
exec { $ARGV[0] } @ARGV or die "director: cannot run $ARGV[0]: $!\n";
