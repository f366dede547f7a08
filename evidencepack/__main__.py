from evidencepack.cli import run

run()
