# Junheng — the commands a user needs: `make run` (a school's terminal), `make bureau` (the
# county bureau's web page over a demo county) and `make test`.
# Each one first installs whatever Debian packages are missing (a bare Debian
# with only git and make is enough), then configures and builds.

BUILD_TYPE ?= Debug
BUILD_DIR  ?= build
RUN_DIR    ?= build-run
PACKAGE_DIR ?= build-package
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DB         ?= $(HOME)/.local/share/junheng/demo.db
BUREAU_DB  ?= $(HOME)/.local/share/junheng/bureau-demo.db
BUREAU_LISTEN ?= 127.0.0.1:8080

# Everything the project builds or tests with. Keep in sync with README "Dependencies".
PACKAGES := cmake g++ make pkg-config libimgui-dev libstb-dev libglfw3-dev libgl-dev \
  libgl1-mesa-dev libgl1-mesa-dri libsqlite3-dev sqlite3 libcurl4-openssl-dev doctest-dev \
  libcpp-httplib-dev nlohmann-json3-dev libfreetype-dev fontconfig libfontconfig-dev fonts-noto-cjk \
  xvfb xauth xdotool imagemagick libsodium-dev libssl-dev libicu-dev \
  dpkg-dev desktop-file-utils cmark-gfm zlib1g-dev \
  spin clang libfuzzer-14-dev libclang-rt-14-dev \
  chromium nodejs npm \
  postgresql libpq-dev \
  libxlsxwriter-dev unzip openssl

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run bureau test build deps configure bench package clean

# The terminal a person uses is an optimised build of the binary alone (no sanitizers, no tests):
# quicker to build the first time and quick on an old PC.
run: deps
	@[ -f $(RUN_DIR)/CMakeCache.txt ] || cmake -S . -B $(RUN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(RUN_DIR) -j $(JOBS) --target junheng
	@mkdir -p $(dir $(DB))
	@[ -f "$(DB)" ] || $(RUN_DIR)/junheng --db "$(DB)" demo
	$(RUN_DIR)/junheng --db "$(DB)"

# The bureau's web page (docs/web.md) over a demo county made the first time (its schools'
# terminal databases beside it, $(BUREAU_DB).demo/), with a demo admin account whose password
# is made once, kept beside the store (mode 600) and printed at every start.
bureau: deps
	@[ -f $(RUN_DIR)/CMakeCache.txt ] || cmake -S . -B $(RUN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(RUN_DIR) -j $(JOBS) --target junheng-bureau
	@mkdir -p $(dir $(BUREAU_DB))
	@[ -f "$(BUREAU_DB)" ] || $(RUN_DIR)/junheng-bureau --db "$(BUREAU_DB)" demo --listen $(BUREAU_LISTEN)
	@[ -f "$(BUREAU_DB).demo-admin" ] || { pw=$$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n'); \
	  printf '%s\n' "$$pw" | $(RUN_DIR)/junheng-bureau --db "$(BUREAU_DB)" user add --name demo-admin --role admin --password-stdin && \
	  (umask 077 && printf '%s\n' "$$pw" > "$(BUREAU_DB).demo-admin"); }
	@echo
	@echo "  The bureau's web page:  http://$(BUREAU_LISTEN)/"
	@echo "  Sign in as:             demo-admin"
	@echo "  Password:               $$(cat "$(BUREAU_DB).demo-admin")"
	@echo "  (Ctrl-C stops the server; the store is $(BUREAU_DB))"
	@echo
	$(RUN_DIR)/junheng-bureau --db "$(BUREAU_DB)" serve --listen $(BUREAU_LISTEN)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: deps
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
	cmake --build build-release -j $(JOBS)
	tests/bench/run-all build-release

# The .deb a county IT person installs (cmake/package.cmake): an optimised build without
# sanitizers of what the package holds — the binaries and the user guide, whose screenshots
# are taken under Xvfb by tests/ui/guide.sh — packed by CPack into $(PACKAGE_DIR)/junheng_*.deb.
package: deps
	@[ -f $(PACKAGE_DIR)/CMakeCache.txt ] || cmake -S . -B $(PACKAGE_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(PACKAGE_DIR) -j $(JOBS) --target package_contents
	cd $(PACKAGE_DIR) && cpack -G DEB
	@ls $(PACKAGE_DIR)/*.deb

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

configure: deps
	@[ -f $(BUILD_DIR)/CMakeCache.txt ] || cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

# dpkg-query is in every Debian; only the packages not yet installed are fetched. npm is
# skipped when one is already on the PATH (NodeSource's nodejs carries its own npm and conflicts
# with Debian's package).
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  [ "$$p" = npm ] && command -v npm >/dev/null && continue; \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(RUN_DIR) $(PACKAGE_DIR) build-release
