# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
# A Windows venv keeps its programs in Scripts/ (CI runs `make test` there with bash).
BIN := $(VENV)/$(if $(filter Windows_NT,$(OS)),Scripts,bin)
# Stamps named by a checksum (POSIX cksum: macOS has no sha1sum) of what they installed.
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
# PyInstaller and friends: `make bundle`, and the slow test that freezes the app.
BUILD_REQUIREMENTS := packaging/requirements-build.txt
BUILD_STAMP := $(VENV)/.build-installed-$(shell cksum < $(BUILD_REQUIREMENTS) | cut -d' ' -f1)

.PHONY: run test lint clean bundle

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/pyvenv.cfg
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(BUILD_STAMP): $(BUILD_REQUIREMENTS) | $(STAMP)
	$(BIN)/python -m pip install --quiet -r $(BUILD_REQUIREMENTS)
	rm -f $(VENV)/.build-installed-*
	touch $(BUILD_STAMP)

run: $(STAMP)
	$(BIN)/postedit $(ARGS)

test: $(STAMP) $(BUILD_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# The frozen app (PyInstaller, onedir) in dist/postedit (and dist/postedit.app on macOS).
bundle: $(STAMP) $(BUILD_STAMP)
	@if [ -f packaging/make_icons.py ]; then $(BIN)/python packaging/make_icons.py build/icons; fi
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/postedit.spec
	@du -sh dist/postedit $$([ -d dist/postedit.app ] && echo dist/postedit.app)

lint:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info

# docs/screenshot.png: the real app under Xvfb on a fresh copy of the demo site, a post open.
# Needs xvfb-run and ImageMagick's `import` (Debian: apt-get install xvfb imagemagick).
.PHONY: screenshot
screenshot: $(STAMP)
	@command -v xvfb-run >/dev/null && command -v import >/dev/null || \
		{ echo "make screenshot needs xvfb-run and import: apt-get install xvfb imagemagick"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export XDG_DATA_HOME="$$tmp/data" XDG_CONFIG_HOME="$$tmp/config" XDG_CACHE_HOME="$$tmp/cache" && \
	if [ "$$(id -u)" = 0 ]; then export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox; fi && \
	site=$$($(BIN)/python -c "from postedit.core.paths import ensure_demo_site; print(ensure_demo_site())") && \
	xvfb-run -a -s "-screen 0 1440x900x24" sh -c '\
		"$$1" "$$2" & app=$$!; sleep 12; import -window root "$$3"; kill $$app; wait $$app || true' \
		sh $(BIN)/postedit "$$site/content/blog/schrijven-voor-het-web.md" docs/screenshot.png
	@echo "wrote docs/screenshot.png"
