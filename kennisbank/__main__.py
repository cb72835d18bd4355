from kennisbank.opstart import run

run()
