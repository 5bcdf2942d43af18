# Thin wrapper over CMake. The two set-up commands of the README live here:
#   make run   install missing build dependencies, build, start a study session
#   make test  the same set-up, then every test, plain and under ASan/UBSan
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
ARTICLE    ?= ../shared/seeds/what-is-rust-used-for.txt

.PHONY: all deps build run test test-plain test-asan decks bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/quizdeck

test: deps test-plain test-asan

test-plain: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DQD_SANITIZE=ON $(CMAKE_ARGS)

test-asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

decks: build
	./$(BUILD)/quizdeck gen "$(ARTICLE)" --overlay decks/rust-uses.overlay.yaml -o decks/rust-uses.yaml

bench: build
	cmake --build $(BUILD) --target bench-sched
	./$(BUILD)/bench-sched

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
