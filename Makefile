# The two commands a new user needs: `make run` and `make test`. Both install missing Debian packages first.
BUILD ?= build
JOBS ?= 2
EXAMPLE ?= examples/smart-camera.yaml
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test test-sanitize bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j$(JOBS)

run: build
	./$(BUILD)/app/bulwark $(EXAMPLE)

# Every test, the GUI smoke tests included (under a virtual X server).
test: build
	xvfb-run -a -s "-screen 0 1920x1200x24" ctest --test-dir $(BUILD) -j$(JOBS) --output-on-failure

# The headless core under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DBULWARK_SANITIZE=ON -DBULWARK_GUI=OFF $(CMAKE_FLAGS)
	cmake --build $(BUILD)-asan -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --test-dir $(BUILD)-asan -j$(JOBS) --output-on-failure -LE gui

bench: deps
	cmake -S . -B $(BUILD)-bench -DCMAKE_BUILD_TYPE=Release -DBULWARK_BENCH=ON -DBULWARK_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(BUILD)-bench -j$(JOBS)
	@for b in $(BUILD)-bench/bench/*_bench; do echo "== $$b"; $$b --benchmark_counters_tabular=true || exit 1; done
	@# The desktop app: frame time on a ~500-component model (fitted, then zoomed in) and on the camera
	@# example, software OpenGL.
	@if [ -x $(BUILD)-bench/app/bulwark ]; then \
	    $(BUILD)-bench/bench/make_synthetic_project 55 $(BUILD)-bench/synthetic-500.yaml && \
	    for size in 1280x800 1440x900 1600x1000; do for f in $(BUILD)-bench/synthetic-500.yaml examples/smart-camera.yaml; do \
	        echo "== bulwark --bench-frames 300 --size $$size $$f"; \
	        xvfb-run -a -s "-screen 0 1920x1200x24" $(BUILD)-bench/app/bulwark --bench-frames 300 --size $$size $$f || exit 1; \
	    done; done; \
	    for zoom in 50 100; do \
	        echo "== bulwark --bench-frames 300 --zoom $$zoom $(BUILD)-bench/synthetic-500.yaml (zoomed in: full detail)"; \
	        xvfb-run -a -s "-screen 0 1920x1200x24" $(BUILD)-bench/app/bulwark --bench-frames 300 --zoom $$zoom \
	            $(BUILD)-bench/synthetic-500.yaml || exit 1; \
	    done; \
	fi

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-bench
