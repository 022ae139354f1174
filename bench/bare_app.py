"""A bare Flask endpoint, served the same way as Vox, to compare the submission API against."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/bare")
def bare():
    body = request.get_json(silent=True) or {}
    return jsonify(status="stored", id=body.get("id")), 201
