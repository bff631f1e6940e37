"""The translator's workbench: a local web application over the model, checks and writer.

Stage: serve (above every library stage, below ``cli``).
"""
