#!/usr/bin/env python3
"""Terminal benchmarks on a running platform (./director up). Run by hand, not by the tests:

    DIRECTOR_BENCH_PASSWORD=<admin password> bench/terminal.py

As the admin it creates a static site and an SSH key, then measures
  - keystroke echo round trip (p50, p99 of 200 keys) in the web terminal (the portal's WebSocket, as the page
    uses it) and over SSH (OpenSSH's ssh -tt);
  - time from starting ssh to the shell's prompt (median of 10);
  - SFTP upload and download of a 50 MB file through Director's shell (medians of 3), against OpenSSH's own sshd and
    sftp-server on this machine (a private sshd on a free port, started and stopped here; openssh-server is installed
    if missing), each less the time of an sftp session that transfers nothing;
and prints the figures and ratios. Everything it made is deleted afterwards. Python's standard library only.
"""
import base64
import filecmp
import hashlib
import http.cookiejar
import json
import os
import pty
import re
import select
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

PORTAL_PORT = int(os.environ.get("DIRECTOR_MANAGER_PORT", "8080"))
PORTAL = os.environ.get("DIRECTOR_BENCH_PORTAL", f"http://localhost:{PORTAL_PORT}")
SHELL_PORT = int(os.environ.get("DIRECTOR_SHELL_PORT", "2222"))
USER = os.environ.get("DIRECTOR_BENCH_USER", "admin")
PASSWORD = os.environ.get("DIRECTOR_BENCH_PASSWORD") or sys.exit("set DIRECTOR_BENCH_PASSWORD")
KEYS = 200
QUIET = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"]


class Portal:
    """The portal as a browser uses it: a session cookie and the CSRF token of each form."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                NoRedirect())

    def get(self, path):
        with self.http.open(PORTAL + path) as response:
            return response.read().decode()

    def post(self, path, form_path, fields):
        token = re.search(r'name="_csrf" value="([^"]+)"', self.get(form_path)).group(1)
        data = urllib.parse.urlencode(dict(fields, _csrf=token)).encode()
        try:
            with self.http.open(urllib.request.Request(PORTAL + path, data=data)) as response:
                return response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:
                return error.headers.get("Location", "")
            raise

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WebSocket:
    """Just enough of RFC 6455 for the portal's terminal: masked text frames out, any frame in."""

    def __init__(self, path, cookie):
        self.sock = socket.create_connection(("127.0.0.1", PORTAL_PORT))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: localhost:{PORTAL_PORT}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Origin: http://localhost:{PORTAL_PORT}\r\nCookie: {cookie}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            sys.exit(f"the terminal WebSocket was refused: {head.decode(errors='replace')}")
        self.buffer = b""

    def send_text(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the terminal WebSocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", self._read(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", self._read(8))[0]
        return first & 0x0F, self._read(length)


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def web_echo(portal, site_id):
    ws = WebSocket(f"/live/terminal?site={site_id}", portal.cookie())
    ws.send_text(json.dumps({"type": "resize", "cols": 120, "rows": 40}))
    seen = b""
    while b"$ " not in seen:
        kind, data = ws.receive()
        if kind == 2:
            seen += data
    times = []
    for i in range(KEYS):
        start = time.perf_counter()
        ws.send_text(json.dumps({"type": "input", "data": "x"}))
        while True:
            kind, data = ws.receive()
            if kind == 2 and b"x" in data:
                break
        times.append((time.perf_counter() - start) * 1000)
        if i % 20 == 19:
            ws.send_text(json.dumps({"type": "input", "data": "\x15"}))
    ws.send_text(json.dumps({"type": "input", "data": "\x15exit\r"}))
    return times


def spawn_ssh(arguments):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(arguments[0], arguments)
    return pid, fd


def read_until(fd, marker, timeout=30):
    seen = b""
    deadline = time.time() + timeout
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        if not ready:
            raise TimeoutError(f"no {marker!r} within {timeout} s; saw {seen[-200:]!r}")
        seen += os.read(fd, 65536)
    return seen


def ssh_arguments(key, login):
    return ["ssh", "-tt", "-p", str(SHELL_PORT), "-i", key, "-o", "IdentitiesOnly=yes"] + QUIET + [
        f"{login}@127.0.0.1"]


def ssh_echo(key, login):
    pid, fd = spawn_ssh(ssh_arguments(key, login))
    read_until(fd, b"$ ")
    times = []
    for i in range(KEYS):
        start = time.perf_counter()
        os.write(fd, b"x")
        read_until(fd, b"x", 10)
        times.append((time.perf_counter() - start) * 1000)
        if i % 20 == 19:
            os.write(fd, b"\x15")
    os.write(fd, b"\x15exit\r")
    os.waitpid(pid, 0)
    return times


def ssh_to_prompt(key, login):
    times = []
    for _ in range(10):
        start = time.perf_counter()
        pid, fd = spawn_ssh(ssh_arguments(key, login))
        read_until(fd, b"$ ")
        times.append((time.perf_counter() - start) * 1000)
        os.write(fd, b"exit\r")
        os.waitpid(pid, 0)
    return times


def sftp(port, key, login, command):
    """Seconds that one sftp batch command (a put or a get) takes, sign-in included."""
    start = time.perf_counter()
    subprocess.run(["sftp", "-P", str(port), "-i", key, "-o", "IdentitiesOnly=yes", "-b", "-"] + QUIET
                   + [f"{login}@127.0.0.1"], input=f"{command}\n".encode(), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def sftp_put_get(port, key, login, source, target, back):
    """The upload of source to target, then the download of target to back: median seconds each, less the median of
    three sessions that transfer nothing (signing in, starting sftp-server, leaving), so that the two servers'
    throughput is compared rather than their sign-in."""
    empty = statistics.median(sftp(port, key, login, "bye") for _ in range(3))
    puts, gets = [], []
    for _ in range(3):  # medians of 3: on OpenSSH a transfer is about as short as the sign-in taken off it
        puts.append(sftp(port, key, login, f"put {source} {target}") - empty)
        gets.append(sftp(port, key, login, f"get {target} {back}") - empty)
        if not filecmp.cmp(source, back, shallow=False):
            sys.exit(f"the file downloaded from {login} is not the one uploaded")
        os.unlink(back)
    return statistics.median(puts), statistics.median(gets), empty


def openssh_transfers(work, key, source):
    """The same upload and download with a private OpenSSH sshd on a free port, as root, in a temporary folder."""
    if not os.path.exists("/usr/sbin/sshd"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "openssh-server"],
                       check=True, stdout=subprocess.DEVNULL)
    host_key = os.path.join(work, "host_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key], check=True)
    authorized = os.path.join(work, "authorized_keys")
    shutil.copy(key + ".pub", authorized)
    os.chmod(authorized, 0o600)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = os.path.join(work, "sshd_config")
    with open(config, "w") as out:
        out.write(f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nAuthorizedKeysFile {authorized}\n"
                  "PermitRootLogin prohibit-password\nPasswordAuthentication no\nUsePAM no\nStrictModes no\n"
                  f"PidFile {work}/sshd.pid\nSubsystem sftp /usr/lib/openssh/sftp-server\n")
    os.makedirs("/run/sshd", exist_ok=True)
    sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config], stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        target = os.path.join(work, "uploaded.bin")
        return sftp_put_get(port, key, "root", source, target, os.path.join(work, "downloaded.bin"))
    finally:
        sshd.terminate()
        sshd.wait()


def main():
    portal = Portal()
    portal.post("/login", "/login", {"username": USER, "password": PASSWORD})
    try:
        signed_in = "signed-in-as" in portal.get("/sites")
    except urllib.error.HTTPError:
        signed_in = False
    if not signed_in:
        sys.exit(f"cannot log in as {USER}")
    name = f"term-bench-{os.getpid()}"
    site_id = portal.post("/sites/new", "/sites/new", {"name": name, "description": "benchmark",
                                                       "type": "STATIC"}).rsplit("/", 1)[-1]
    work = tempfile.mkdtemp(prefix="director-terminal-bench-")
    key = os.path.join(work, "id_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key], check=True)
    with open(key + ".pub") as public:
        portal.post("/account/ssh-keys", "/account/ssh-keys", {"key": public.read().strip()})
    login = f"{USER}+{name}"
    try:
        time.sleep(3)  # let the site's creation finish
        web = web_echo(portal, site_id)
        ssh = ssh_echo(key, login)
        prompt = ssh_to_prompt(key, login)
        source = os.path.join(work, "50MB.bin")
        with open(source, "wb") as out:
            out.write(os.urandom(50 * 1000 * 1000))
        director = sftp_put_get(SHELL_PORT, key, login, source, "upload.bin", os.path.join(work, "back.bin"))
        openssh = openssh_transfers(work, key, source)
        print(f"keystroke echo, web terminal ({KEYS} keys): p50 %.1f ms, p99 %.1f ms" % percentiles(web))
        print(f"keystroke echo, ssh -tt ({KEYS} keys):      p50 %.1f ms, p99 %.1f ms" % percentiles(ssh))
        print("ssh to a prompt (10 runs): median %.0f ms, max %.0f ms" % (statistics.median(prompt), max(prompt)))
        print("sftp session that transfers nothing (sign-in and leave, median of 3): Director %.0f ms, OpenSSH sshd"
              " %.0f ms; taken off the times below" % (1000 * director[2], 1000 * openssh[2]))
        for way, ours, theirs in (("put", director[0], openssh[0]), ("get", director[1], openssh[1])):
            print(f"sftp {way} of 50 MB: Director %.2f s (%.1f MB/s), OpenSSH sshd %.2f s (%.1f MB/s); "
                  "Director takes %.2fx as long, %.2f of OpenSSH's throughput"
                  % (ours, 50 / ours, theirs, 50 / theirs, ours / theirs, theirs / ours))
    finally:
        subprocess.run(["ssh", "-p", str(SHELL_PORT), "-i", key, "-o", "IdentitiesOnly=yes"] + QUIET
                       + [f"{login}@127.0.0.1", "rm -f upload.bin"], stdout=subprocess.DEVNULL)
        page = portal.get("/account/ssh-keys")
        for key_id, row in re.findall(r'id="key-(\d+)"(.*?)</tr>', page, re.S):
            if "bench" in row:
                portal.post(f"/account/ssh-keys/{key_id}/delete", "/account/ssh-keys", {})
        portal.post(f"/sites/{site_id}/delete", f"/sites/{site_id}", {"confirm": name})
        shutil.rmtree(work, ignore_errors=True)
        print(f"deleted the benchmark site {name} and its key")


if __name__ == "__main__":
    main()
