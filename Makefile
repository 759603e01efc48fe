# The two commands that work on a fresh machine: `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DIR ?= out/demo
RELSYNTH = $(BUILD)/relsynth

.PHONY: all deps build demo test bench fuzz format clean wheel

all: build

deps:
	@scripts/install-deps.sh

# The web UI first (web/dist, embedded into the binary by CMake): `npm ci` when web/node_modules
# is missing or older than package-lock.json, then `npm run build`. Without npm the binary
# embeds a page saying the UI was not built.
build: deps
	@if [ -f web/package.json ] && command -v npm >/dev/null 2>&1; then \
	  cd web && { [ -d node_modules ] && [ ! package-lock.json -nt node_modules ] || \
	    npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent; fi
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Generates the bundled retail database and runs relsynth on it through a plan: the plan is
# written (review it: out/demo/retail.plan.yaml), validated and run as an execution of the run
# store out/demo/.relsynth (`relsynth runs list --store out/demo/.relsynth`).
demo: build
	@mkdir -p $(DEMO_DIR)
	@$(BUILD)/relsynth_demo_db $(DEMO_DIR)/retail.sqlite --overwrite
	@$(RELSYNTH) plan $(DEMO_DIR)/retail.sqlite -o $(DEMO_DIR)/retail.plan.yaml \
	  --to $(DEMO_DIR)/retail.synthetic.sqlite --overwrite \
	  --report $(DEMO_DIR)/report.html --report-json $(DEMO_DIR)/report.json
	@$(RELSYNTH) validate $(DEMO_DIR)/retail.plan.yaml
	@$(RELSYNTH) run $(DEMO_DIR)/retail.plan.yaml --store $(DEMO_DIR)/.relsynth
	@$(RELSYNTH) runs list --store $(DEMO_DIR)/.relsynth
	@echo
	@echo "demo database:    $(DEMO_DIR)/retail.sqlite"
	@echo "its plan:         $(DEMO_DIR)/retail.plan.yaml (edit it, then make demo or relsynth run it)"
	@echo "synthetic twin:   $(DEMO_DIR)/retail.synthetic.sqlite"
	@echo "quality report:   $(DEMO_DIR)/report.html (and report.json)"
	@echo "executions:       relsynth runs list --store $(DEMO_DIR)/.relsynth (model, timeline)"
	@echo "web app:          $(RELSYNTH) serve --root $(DEMO_DIR) --store $(DEMO_DIR)/.relsynth"
	@echo "                  then open http://127.0.0.1:8765/ (source: retail.sqlite)"

# The Python package as a wheel in dist/ (pip builds the module with scikit-build-core; docs/PYTHON.md).
wheel: deps
	@.venv/bin/python -m pip wheel --no-deps --no-build-isolation -w dist .

test: build
	@scripts/install-deps.sh --test
	@cd $(BUILD) && $(CURDIR)/scripts/with-test-servers.sh ctest --output-on-failure -j $(JOBS) --timeout 900

# Peers get BENCH_LIMIT_MIN minutes per dataset, e.g. 20,mostlyai=5 (the full run takes hours; see
# docs/BENCHMARKS.md). A run replaces the day's earlier peer results (--fresh).
BENCH_LIMIT_MIN ?= 30
bench: build
	@scripts/install-deps.sh --bench
	@$(BUILD)/bench_sqlite_io
	@$(BUILD)/bench_csv_io
	@$(BUILD)/bench_xlsx_io
	@$(BUILD)/bench_parquet_io
	@$(BUILD)/bench_page_read
	@$(BUILD)/bench_model
	@bench/synth_quality.sh $(BUILD)
	@bench/train_speed.sh $(BUILD)
	@bench/resample_ceiling.py $(BUILD)
	@PYTHONPATH=$(BUILD)/python .venv/bin/python bench/python_overhead.py $(BUILD)
	@echo "| benchmark | rows | write rows/s | read rows/s | equal |"
	@echo "|---|---|---|---|---|"
	@scripts/with-test-servers.sh sh -c '$(BUILD)/bench_server_io "$$RELSYNTH_TEST_POSTGRES_URL?schema=bench" && \
	  $(BUILD)/bench_server_io "$${RELSYNTH_TEST_MYSQL_URL%/*}/bench"'
	@bench/scale.sh $(BUILD)
	@PYTHONPATH=$(BUILD)/python .venv/bin/python bench/spark_scale.py $(BUILD)
	@bench/peers/setup.sh --no-optional
	@bench/.venv/bin/python -m unittest discover -s bench/peers -p 'test_*.py'
	@PYTHONPATH=$(BUILD)/python bench/.venv/bin/python -m pytest -q -p no:cacheprovider python/tests/test_sdv_front.py
	@bench/run_peers.sh --build $(BUILD) --limit-min $(BENCH_LIMIT_MIN) --fresh
	@bench/dda.sh --build $(BUILD) --limit-min $(BENCH_LIMIT_MIN)

# Fuzzes the CSV reader, the metadata JSON reader and the model loader, FUZZ_SECONDS each (in
# parallel); findings land in fuzz/found/ and are replayed by `make test`.
FUZZ_SECONDS ?= 1800
fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	@scripts/install-deps.sh --dev
	@clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) out
