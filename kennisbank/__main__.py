from kennisbank.cli import run

run()
