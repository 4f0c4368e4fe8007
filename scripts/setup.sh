#!/usr/bin/env bash
# Sets everything up on a fresh Debian/Ubuntu machine with Node.js 20.19+ (24 recommended), then runs the course.
# Debian packages it installs when missing (as root): Jupyter's client (required), and for the
# browser tests and the classic Notebook, jupyter-notebook, jupyter-nbformat, chromium, fonts-noto-cjk.
#   npm run setup                 install, build, execute every notebook (full profile)
#   npm run setup -- --no-course  install and build only (what CI does before npm test)
set -euo pipefail
cd "$(dirname "$0")/.."

run_course=1
for arg in "$@"; do
  case "$arg" in
    --no-course) run_course=0 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

# 20.19 is the first Node.js 20 that loads an ES module (d3-dsv) with require.
node_ok=$(node -p 'const [a, b] = process.versions.node.split(".").map(Number); a > 20 || (a === 20 && b >= 19)' 2>/dev/null || echo false)
if [ "$node_ok" != true ]; then
  echo "setup: Node.js 20.19 or newer is needed, 24 (the current LTS) is recommended (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# Jupyter's own client runs the notebooks headlessly. Debian keeps it in /usr/bin;
# a python3 earlier on PATH (pyenv, conda) may not have it, so look there first.
jupyter=${JUPYTER:-/usr/bin/jupyter}
[ -x "$jupyter" ] || jupyter=$(command -v jupyter || true)
client_ok() {
  [ -n "$jupyter" ] && "$jupyter" nbconvert --version >/dev/null 2>&1 &&
    /usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1
}
if ! client_ok; then
  packages="jupyter-nbconvert python3-nbclient jupyter-client"
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing the Jupyter client from Debian: $packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $packages >/dev/null
    jupyter=/usr/bin/jupyter
  else
    echo "setup: the Jupyter client is missing. Install it with:" >&2
    echo "  sudo apt-get install -y $packages" >&2
    exit 1
  fi
fi

# For running the notebooks in a browser and for npm run test:browser (CI runs it): Debian's
# classic Notebook and `jupyter trust`, Chromium (driven by puppeteer-core) and a font with Hangul
# (the posts' Korean terms; without it a browser draws empty boxes). Not needed to run the course:
# without root, setup says what to install and goes on.
browser_packages=""
{ "$jupyter" notebook --version >/dev/null 2>&1 && "$jupyter" trust --version >/dev/null 2>&1; } ||
  browser_packages="$browser_packages jupyter-notebook jupyter-nbformat"
[ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
  browser_packages="$browser_packages chromium"
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=ko family | grep -q .; } ||
  browser_packages="$browser_packages fonts-noto-cjk"
if [ -n "$browser_packages" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing from Debian, for the browser tests and the classic Notebook:$browser_packages (a minute or two)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $browser_packages >/dev/null
  else
    echo "setup: note: npm run test:browser and the classic Notebook need:$browser_packages. Install them with:" >&2
    echo "  sudo apt-get install -y$browser_packages" >&2
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
# The kernel spec that runs this project's tslab (.jupyter/kernels/tslab, git-ignored), for
# JUPYTER_PATH=$PWD/.jupyter jupyter lab|notebook; the course runner writes the same one.
npx tsx -e 'require("./scripts/course/jupyter").installKernelSpec(process.cwd())'

if [ "$run_course" = 1 ]; then
  npm run course
fi
echo "setup: done"
