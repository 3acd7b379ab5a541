#!/bin/sh
# Publishes a release. The token below is synthetic (generated for Bulwark's examples).
set -eu
GITHUB_TOKEN="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"
# A test fixture key that the team accepted, with a reason and an expiry date:
SENDGRID_API_KEY="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" # bulwark:ignore BW-SEC-051 sandbox key of the test account, expires=2099-01-01
curl -fsS -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com/repos/example/checkout/releases
