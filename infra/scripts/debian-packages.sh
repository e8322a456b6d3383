# Sourced by run.sh and test.sh: installs missing Debian packages when running as root,
# otherwise names the apt-get command to run and exits.
#   ensure_debian_packages <who-is-asking> <package>...
ensure_debian_packages() {
  local caller=$1
  shift
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "$caller: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "$caller: needs these Debian packages: ${missing[*]}" >&2
    echo "         install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}
