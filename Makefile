# Junheng — the two commands a user needs: `make run` and `make test`.
# Each one first installs whatever Debian packages are missing (a bare Debian
# with only git and make is enough), then configures and builds.

BUILD_TYPE ?= Debug
BUILD_DIR  ?= build
RUN_DIR    ?= build-run
PACKAGE_DIR ?= build-package
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DB         ?= $(HOME)/.local/share/junheng/demo.db

# Everything the project builds or tests with. Keep in sync with README "Dependencies".
PACKAGES := cmake g++ make pkg-config libimgui-dev libstb-dev libglfw3-dev libgl-dev \
  libgl1-mesa-dev libgl1-mesa-dri libsqlite3-dev sqlite3 libcurl4-openssl-dev doctest-dev \
  libcpp-httplib-dev nlohmann-json3-dev libfreetype-dev fontconfig libfontconfig-dev fonts-noto-cjk \
  xvfb xauth xdotool imagemagick libsodium-dev libssl-dev libicu-dev \
  dpkg-dev desktop-file-utils cmark-gfm zlib1g-dev \
  spin clang libfuzzer-14-dev libclang-rt-14-dev \
  libxlsxwriter-dev unzip

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps configure bench package clean

# The terminal a person uses is an optimised build of the binary alone (no sanitizers, no tests):
# quicker to build the first time and quick on an old PC.
run: deps
	@[ -f $(RUN_DIR)/CMakeCache.txt ] || cmake -S . -B $(RUN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(RUN_DIR) -j $(JOBS) --target junheng
	@mkdir -p $(dir $(DB))
	@[ -f "$(DB)" ] || $(RUN_DIR)/junheng --db "$(DB)" demo
	$(RUN_DIR)/junheng --db "$(DB)"

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

# dpkg-query is in every Debian; only the packages not yet installed are fetched.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(RUN_DIR) $(PACKAGE_DIR) build-release
