# The two commands of the README's Quick start, plus a few conveniences.
#   make demo   install what is missing, build, check, roster and publish the bundled example
#   make test   install what is missing, build, run the whole suite (plain and sanitized)
#               and the example end to end under valgrind

BUILD       ?= build
BUILD_ASAN  ?= build-asan
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE     ?= examples/vilvoorde-mechelen.yaml
MONTH       ?= 2027-01
OUT         ?= rosters

.PHONY: all deps build demo test test-plain test-sanitize test-valgrind clean format

all: build

deps:
	@sh scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -DONCOROSTER_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/oncoroster check $(EXAMPLE) --month $(MONTH)
	./$(BUILD)/oncoroster solve $(EXAMPLE) --month $(MONTH) --time-limit 30 --out $(OUT)

test-plain: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-sanitize: deps
	cmake -S . -B $(BUILD_ASAN) -DONCOROSTER_SANITIZE=ON -DONCOROSTER_WERROR=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# The bundled example end to end under valgrind: check, a first publication
# and a re-publication (which reads the first back); no errors, no leaks.
VALGRIND = valgrind --quiet --error-exitcode=9 --leak-check=full \
           --errors-for-leak-kinds=definite --show-leak-kinds=definite
test-valgrind: build
	rm -rf $(BUILD)/valgrind-rosters
	$(VALGRIND) ./$(BUILD)/oncoroster check $(EXAMPLE) --month 2027-03 -q
	$(VALGRIND) ./$(BUILD)/oncoroster solve $(EXAMPLE) --month 2027-03 --time-limit 5 -q \
	  --out $(BUILD)/valgrind-rosters
	$(VALGRIND) ./$(BUILD)/oncoroster solve $(EXAMPLE) --month 2027-03 --time-limit 5 -q \
	  --out $(BUILD)/valgrind-rosters --replan-from 2027-03-15
	$(VALGRIND) ./$(BUILD)/oncoroster report $(BUILD)/valgrind-rosters

test: test-plain test-sanitize test-valgrind

format:
	clang-format -i scheduler/*.[ch] input/*.[ch] solver/*.[ch] output/*.[ch] cli/*.[ch] tests/*.[ch]

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
