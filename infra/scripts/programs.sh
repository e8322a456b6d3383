# Sourced by run.sh and test.sh: checks that the programs a script needs are there, whatever the
# system. A program counts when it is on the PATH or in an sbin directory (Debian puts nginx in
# /usr/sbin, which a user's PATH often lacks; the local stack looks there too).
# What is missing is installed with apt-get only where apt-get exists and we are root (or have
# password-less sudo); anywhere else every missing program is named with the Debian package that
# brings it, and the script exits non-zero.
#   require_programs <who-is-asking> <program>=<debian-package>...

# Prints where a program is; fails when it is nowhere. Bash builtins only.
program_path() {
  local dir IFS=:
  for dir in $PATH /usr/local/sbin /usr/sbin /sbin; do
    if [[ -n $dir && -f $dir/$1 && -x $dir/$1 ]]; then
      printf '%s\n' "$dir/$1"
      return 0
    fi
  done
  return 1
}

# apt_get <sudo: yes|no> <argument>...
apt_get() {
  local sudo=$1
  shift
  if [[ $sudo == yes ]]; then
    sudo -n DEBIAN_FRONTEND=noninteractive apt-get "$@"
  else
    DEBIAN_FRONTEND=noninteractive apt-get "$@"
  fi
}

require_programs() {
  local caller=$1
  shift
  local spec missing=() packages=()
  for spec in "$@"; do
    program_path "${spec%%=*}" >/dev/null && continue
    missing+=("${spec%%=*}")
    [[ " ${packages[*]} " == *" ${spec#*=} "* ]] || packages+=("${spec#*=}")
  done
  ((${#missing[@]})) || return 0

  local sudo=no
  if ! program_path apt-get >/dev/null; then
    echo "$caller: missing programs: ${missing[*]}" >&2
    echo "$caller: there is no apt-get here to install them: install them with this system's package manager and put them on the PATH" >&2
    echo "$caller: (the Debian and Ubuntu packages that bring them: ${packages[*]})" >&2
    exit 1
  fi
  if [[ $(id -u) -ne 0 ]]; then
    if program_path sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=yes
    else
      echo "$caller: missing programs: ${missing[*]}" >&2
      echo "$caller: install them with: sudo apt-get install ${packages[*]}" >&2
      exit 1
    fi
  fi
  echo "$caller: missing programs: ${missing[*]}; installing ${packages[*]} with apt-get" >&2
  apt_get "$sudo" update -qq
  apt_get "$sudo" install -y -qq "${packages[@]}" >/dev/null

  local still=()
  for spec in "$@"; do
    program_path "${spec%%=*}" >/dev/null || still+=("${spec%%=*}")
  done
  if ((${#still[@]})); then
    echo "$caller: still missing after apt-get install ${packages[*]}: ${still[*]}" >&2
    exit 1
  fi
}
