"""The ops blueprint: what the people who run Vox ask an instance (is it healthy?)."""

from flask import Blueprint

bp = Blueprint("ops", __name__)
