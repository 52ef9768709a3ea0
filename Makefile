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

.PHONY: lab app report test lint notebooks bench mutate clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	touch $(STAMP)

# JupyterLab's root is this folder, so its file browser reaches the notebooks, your log
# (my_foot_log.csv) and out/ (notebook 05's report.pdf); it opens on notebooks/.
LAB_OPTIONS := --notebook-dir=. --LabApp.default_url=/lab/tree/notebooks --ServerApp.allow_root=True

lab: $(STAMP)
	@echo "footstats: JupyterLab on notebooks/, your log and out/ (open the URL printed below; Ctrl-C stops it)"
	$(BIN)/jupyter lab $(LAB_OPTIONS)

app: $(STAMP)
	@echo "footstats: the app in your web browser, no code (Ctrl-C stops it)"
	$(BIN)/footstats app $(SAMPLE)

report: $(STAMP)
	$(BIN)/footstats report $(SAMPLE) -o out

lint: $(STAMP)
	$(BIN)/ruff check footstats tests benchmarks
	$(BIN)/ruff format --check footstats tests benchmarks
	$(BIN)/mypy

# The tests and the stored notebook outputs use the sample logs, never a developer's own
# notebooks/footstats-settings.toml.
test notebooks: export FOOTSTATS_SETTINGS = none

test: lint
	$(BIN)/python -m pytest -n auto --dist loadfile  # one worker per core (pytest-xdist); a notebook's cells stay on one worker

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Mutation testing (not part of `make test`): mutmut changes the code of the modules below,
# one small change (mutant) at a time, runs the focused tests that call the changed function
# ([tool.mutmut] in pyproject.toml), then prints the share of mutants killed per module.
# For the importers, their converters (the functions that count sets, warm-ups apart, read
# dates, numbers and durations, and turn Loop checkmarks into sessions) and each to_log,
# with issue 25's: Strong's rest timers and words, Hevy's month names, Loop's skips, Entry
# cells and habit files, Fitbod, FitNotes for iOS and the apps not read.
# Issue 27 added what a person reads and what is written to their log (MUTATE_WRITTEN): the
# headline figures (readable), the cohort table, the participants table, the file layer
# (csvfile), the validation rules, the dialect sniffer and `footstats add` (append).
# `make mutate MUTATE_MODULES=footstats.reading.dialect` runs one module;
# `make mutate MUTATE_MODULES='$$(MUTATE_WRITTEN)'` one of the two groups.
MUTATE_NUMBERS := footstats.core.values footstats.routine footstats.metrics.weeks \
	footstats.metrics.followup footstats.importers footstats.metrics.tables
MUTATE_WRITTEN := footstats.metrics.readable footstats.metrics.cohort footstats.reading.participants \
	footstats.reading.validation footstats.reading.csvfile footstats.reading.dialect \
	footstats.writing.append
MUTATE_MODULES ?= $(MUTATE_NUMBERS) $(MUTATE_WRITTEN)
MUTATE_IMPORTERS := $(addprefix footstats.importers., common.x_sets_to_log* \
	common.x_sets_table* common.x__join_distinct* common.x__duration_minutes* \
	common.x_missing_numbers* common.x?Columns?datetimes* common.x?Columns?numbers* strong.x__minutes* \
	loop.x__measurable* loop.x__first_entry* loop.x__target* \
	strong.x_to_log* hevy.x_to_log* fitnotes.x_to_log* loop.x_to_log* \
	common.x_lone_notes* common.x_name_spaces_notice* common.x?Columns?exercises* \
	strong.x__kinds* strong.x__rest_shaped* strong.x__rest_notices* strong.x__notes_of_sets* \
	hevy.x_month_names_of* hevy.x_in_english* hevy.x_month_words* hevy.x__ambiguity* hevy.x__ambiguous* \
	loop.x__days* loop.x__habit_notice* loop.x__repaired* loop.x__entry_rows* \
	loop.x__summary_problem* loop.x__habit_file* loop.x__own_file_notice* loop.x__folder_habit* \
	loop.x_export_file* fitnotes.x_day_log* fitbod.x_to_log* fitbod.x__warmups* \
	fitbod.x__utc_notice* fitnotes_ios.x_to_log* month_names.x_token* month_names.x_month_index* \
	not_read.x_not_read* not_read.x?NotRead?*)
# one mutmut run for every module (mutants generated and the tests' coverage taken once)
MUTATE_NAMES = $(foreach module,$(MUTATE_MODULES),$(if $(filter footstats.importers,$(module)),\
	$(MUTATE_IMPORTERS),$(module).*))
MUTATE_JOBS ?= 2
MUTATE_STAMP := $(VENV)/.installed-mutate

$(MUTATE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	touch $(MUTATE_STAMP)

mutate: $(MUTATE_STAMP)
	rm -rf mutants && mkdir mutants
	@echo "mutmut: $(MUTATE_MODULES) (log in mutants/run.log)"
	set -f; $(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(MUTATE_NAMES) > mutants/run.log 2>&1 \
		|| { tail -20 mutants/run.log; exit 1; }
	$(BIN)/mutmut results --all true | awk -F': ' '$$2 != "not checked" \
		{ split($$1, name, ".x"); m = name[1]; sub(/^ +/, "", m); n[m]++; s[m, $$2]++ } \
		END { for (m in n) \
			printf "%-28s %4d mutants, %4d killed, %2d timed out, %2d survived: %.1f %% killed\n", \
			m, n[m], s[m, "killed"], s[m, "timeout"], s[m, "survived"], \
			100 * (s[m, "killed"] + s[m, "timeout"]) / n[m] }'
	$(BIN)/mutmut results | grep -v ': not checked$$' || true

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .hypothesis mutants
