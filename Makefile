# Thin wrapper over CMake. The two set-up commands of the README live here:
#   make run   install missing build dependencies, build, start a study session
#   make test  the same set-up, then every test, plain and under ASan/UBSan
#   make fuzz  each libFuzzer target for FUZZ_SECONDS (clang)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
ARTICLE    ?= ../shared/seeds/what-is-rust-used-for.txt
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= deck settings revlog csv match article overlay quizfile
BENCH_RUNS ?= 5

.PHONY: all deps build run test test-plain test-asan fuzz decks bench clean

all: build

# The dependency check runs before anything is configured, even under -j;
# with everything present it is silent and calls no package manager.
deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/quizdeck

test: deps test-plain test-asan

test-plain: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DQD_SANITIZE=ON $(CMAKE_ARGS)

test-asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# libFuzzer (clang): each target for FUZZ_SECONDS on fuzz/corpus/TARGET/,
# which grows with the new inputs found; crash-*, leak-*, timeout-* files
# land in $(FUZZ_BUILD)/artifacts/ (docs/testing.md, "Fuzzing").
$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DQD_FUZZ=ON $(CMAKE_ARGS)

fuzz: $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	mkdir -p $(FUZZ_BUILD)/artifacts
	set -e; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz-$$t: $(FUZZ_SECONDS) s"; \
	  ./$(FUZZ_BUILD)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- fuzz/corpus/$$t \
	    $$(if [ $$t = deck ]; then echo tests/decks/bad tests/decks/good tests/decks/smells decks; fi) \
	    $$(if [ $$t = article ]; then echo tests/articles tests/articles/bad tests/articles/eval tests/articles/heldout; fi); \
	done

decks: build
	./$(BUILD)/quizdeck gen "$(ARTICLE)" --overlay decks/rust-uses.overlay.yaml -o decks/rust-uses.yaml

# One table of figures at scale, each the median of BENCH_RUNS runs, on
# inputs it writes itself (bench/bench-table.sh; docs/performance.md).
bench: build
	cmake --build $(BUILD) --target bench-tools
	sh bench/bench-table.sh $(BUILD) $(BENCH_RUNS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
