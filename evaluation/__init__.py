"""Evaluation harness and benchmarks: one trustworthy number for "is this better?".

`scoring` holds pure functions over plain strings and dicts (the rules of
`shared/eval/README.md`); `runner` drives the real retriever and answerer over
case files; `report` renders results; `bench` and `load` measure speed.
"""
