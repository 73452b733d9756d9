"""Training mode: scenarios of simulated drives played through the real pipeline.

- loader.load_scenario(name_or_path) -> scenario.Scenario (frozen; ScenarioError on bad files)
- backend.SimulatedBackend(scenario, clock=ManualClock() | RealClock(speed), seed=None):
  a DriveBackend whose drives come and go on the scenario's timeline
- runner.scan_simulated(backend, drive, options) -> DriveScan (survey + sampling, or raw
  sampling of a LUKS partition); runner.assess(...) -> totals and verdicts; run_scenario(...)
- grading.grade(scenario, answers, reasons) -> Grade
- report.training_json(run) -> the inspector.training/1 document

Submodules are imported directly (this package imports nothing on its own), so loading a
scenario does not pull in the identification engine. See docs/training.md.
"""
