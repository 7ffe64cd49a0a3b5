#!/usr/bin/env bash
# Installs the Debian servers the integration and e2e tests start on their own
# (PostgreSQL, MariaDB, sshd, Chromium). Does nothing when they are all present.
set -euo pipefail

packages=(postgresql mariadb-server openssh-server chromium)

have_initdb() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
have_mariadbd() {
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]
}

all_present() {
  have_initdb && have_mariadbd && [ -x /usr/sbin/sshd ] && [ -x /usr/bin/chromium ]
}

if all_present; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-system-deps: missing system packages and not root (no sudo); install: ${packages[*]}" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${packages[*]} via apt-get"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${as_root[@]}" apt-get update >"$log" 2>&1 ||
   ! "${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}" >>"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "ensure-system-deps: apt-get failed to install ${packages[*]} (log above)" >&2
  exit 1
fi
if ! all_present; then
  echo "ensure-system-deps: apt-get succeeded but initdb, mariadbd, sshd or chromium is still missing" >&2
  exit 1
fi
