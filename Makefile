# The two commands: `make lab` (the main job) and `make test` (everything CI checks).
# Every target creates .venv when it is missing; nothing is installed outside it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := sample_data/foot_log.csv
# Keep Jupyter and matplotlib state inside the project, never in the user's home.
export JUPYTER_CONFIG_DIR := $(CURDIR)/.jupyter
export JUPYTERLAB_SETTINGS_DIR := $(CURDIR)/.jupyter/lab/user-settings
export JUPYTERLAB_WORKSPACES_DIR := $(CURDIR)/.jupyter/lab/workspaces

.PHONY: lab app report test lint notebooks bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	touch $(STAMP)

lab: $(STAMP)
	@echo "footstats: JupyterLab on notebooks/ (open the URL printed below; Ctrl-C stops it)"
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.allow_root=True

app: $(STAMP)
	@echo "footstats: the app in your web browser, no code (Ctrl-C stops it)"
	$(BIN)/footstats app $(SAMPLE)

report: $(STAMP)
	$(BIN)/footstats report $(SAMPLE) -o out

lint: $(STAMP)
	$(BIN)/ruff check footstats tests benchmarks
	$(BIN)/ruff format --check footstats tests benchmarks

test: lint
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .hypothesis
