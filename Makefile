# Minutebook: `make run` (set up, ingest corpus/, serve on 127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run ingest serve test browser eval bench clean

setup: $(VENV)/.installed

# torch is pinned in pyproject.toml (>=2.2,<2.14) so pip takes the local CPU wheel.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

ingest: setup
	$(BIN)/minutebook ingest corpus

serve: setup
	$(BIN)/minutebook serve --host $(HOST) --port $(PORT)

run: ingest serve

# Headless Chromium for the end-to-end browser test (Debian package; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: the browser test will be skipped"; fi; }

test: setup browser
	$(BIN)/pytest

eval: setup
	$(BIN)/minutebook --home data/eval eval ../shared/eval/dev.jsonl ../shared/eval/kent_dev.jsonl --corpus ../shared/corpus --report evaluation/out

bench: setup
	$(BIN)/minutebook bench

clean:
	rm -rf $(VENV) data build *.egg-info
