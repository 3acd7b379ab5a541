#!/usr/bin/env python3
# Writes the sample logs under bulwark-detect/src/test/resources/logs (our own made-up events:
# account 123456789012, documentation IP ranges). Deterministic: gzip without name or time.
# Run: python3 scripts/detect-log-fixtures.py
import json, gzip, os, io
R = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bulwark-detect", "src", "test", "resources", "logs")
os.makedirs(R, exist_ok=True)
ACCT = "123456789012"
def ct(i, name, source, time, user="alice", region="us-east-1", extra=None):
    e = {"eventVersion": "1.09",
         "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE%04d" % i,
                          "arn": "arn:aws:iam::%s:user/%s" % (ACCT, user), "accountId": ACCT,
                          "accessKeyId": "AKIAEXAMPLE%08d" % i, "userName": user},
         "eventTime": time, "eventSource": source, "eventName": name, "awsRegion": region,
         "sourceIPAddress": "203.0.113.%d" % (10 + i), "userAgent": "aws-cli/2.17.0 Python/3.11",
         "requestParameters": None, "responseElements": None,
         "requestID": "00000000-0000-4000-8000-%012d" % i, "eventID": "11111111-0000-4000-8000-%012d" % i,
         "readOnly": name.startswith(("Get", "List", "Describe")), "eventType": "AwsApiCall",
         "managementEvent": True, "recipientAccountId": ACCT, "eventCategory": "Management"}
    if extra: e.update(extra)
    return e
def w(path, text, mode="w"):
    p = os.path.join(R, path); os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, mode) as f: f.write(text)
def gz(path, data: bytes):
    p = os.path.join(R, path); os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g: g.write(data)

c = lambda o: json.dumps(o, separators=(",", ":"))
# 1. S3 delivery file, one line as AWS writes it
recs = [ct(1, "CreateUser", "iam.amazonaws.com", "2026-11-30T08:01:12Z", extra={"requestParameters": {"userName": "mallory"}}),
        ct(2, "AttachUserPolicy", "iam.amazonaws.com", "2026-11-30T08:01:40Z", extra={"requestParameters": {"userName": "mallory", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}}),
        ct(3, "CreateAccessKey", "iam.amazonaws.com", "2026-11-30T08:02:05Z", extra={"requestParameters": {"userName": "mallory"}})]
w("cloudtrail/delivery.json", c({"Records": recs}))
# 2. pretty-printed delivery file: record lines are where each record starts
w("cloudtrail/pretty.json", json.dumps({"Records": recs[:2]}, indent=2) + "\n")
# 3. JSON lines
lines = [ct(4, "GetCallerIdentity", "sts.amazonaws.com", "2026-11-30T09:00:00Z", user="bob"),
         ct(5, "ListBuckets", "s3.amazonaws.com", "2026-11-30T09:00:03.250Z", user="bob"),
         ct(6, "StopLogging", "cloudtrail.amazonaws.com", "2026-11-30T09:00:09Z", user="bob", extra={"requestParameters": {"name": "org-trail"}})]
w("cloudtrail/events.jsonl", "".join(c(x) + "\n" for x in lines))
# 4. AWS folder tree, gzip
tree = "cloudtrail/tree/AWSLogs/%s/CloudTrail/%s/2026/11/%s/%s_CloudTrail_%s_202611%sT%sZ_%s.json.gz"
gz(tree % (ACCT, "us-east-1", "30", ACCT, "us-east-1", "30", "0805", "Xk3nq0vY1bTf2ZlA"),
   c({"Records": [ct(7, "ConsoleLogin", "signin.amazonaws.com", "2026-11-30T08:04:58Z", extra={"eventType": "AwsConsoleSignIn", "responseElements": {"ConsoleLogin": "Success"}, "additionalEventData": {"MFAUsed": "No"}})]}).encode())
gz(tree % (ACCT, "us-east-1", "30", ACCT, "us-east-1", "30", "0810", "a9Pq2LmN4oRs6TuV"),
   c({"Records": [ct(8, "PutBucketPolicy", "s3.amazonaws.com", "2026-11-30T08:09:31Z"), ct(9, "DeleteBucketPolicy", "s3.amazonaws.com", "2026-11-30T08:09:50Z")]}).encode())
gz(tree % (ACCT, "eu-west-1", "29", ACCT, "eu-west-1", "29", "2355", "Bc7dE8fG9hI0jK1L"),
   c({"Records": [ct(10, "RunInstances", "ec2.amazonaws.com", "2026-11-29T23:51:07Z", region="eu-west-1")]}).encode())
# digest files are not events
gz("cloudtrail/tree/AWSLogs/%s/CloudTrail-Digest/us-east-1/2026/11/30/%s_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T090000Z.json.gz" % (ACCT, ACCT),
   c({"awsAccountId": ACCT, "digestStartTime": "2026-11-30T08:00:00Z", "digestEndTime": "2026-11-30T09:00:00Z", "digestS3Bucket": "org-trail-logs", "logFiles": []}).encode())
# 5. EventBridge
w("cloudtrail/eventbridge.json", json.dumps({"version": "0", "id": "6f8e2c1a-0d3b-4e5f-9a7b-1c2d3e4f5a6b", "detail-type": "AWS API Call via CloudTrail",
   "source": "aws.iam", "account": ACCT, "time": "2026-11-30T10:15:00Z", "region": "us-east-1", "resources": [],
   "detail": ct(11, "DeleteRolePolicy", "iam.amazonaws.com", "2026-11-30T10:14:58Z", extra={"requestParameters": {"roleName": "audit", "policyName": "deny-all"}})}, indent=2) + "\n")
# 6. Single event object, pretty
w("cloudtrail/single.json", json.dumps(ct(12, "DisableKey", "kms.amazonaws.com", "2026-11-30T11:00:00Z"), indent=2) + "\n")
# 7. CloudTrail Lake query results
w("cloudtrail/lake-results.json", json.dumps({"QueryStatus": "FINISHED", "QueryStatistics": {"ResultsCount": 2, "TotalResultsCount": 2, "BytesScanned": 4096},
   "QueryResultRows": [
     [{"eventTime": "2026-11-30 12:00:01.000"}, {"eventName": "DeleteTrail"}, {"eventSource": "cloudtrail.amazonaws.com"}, {"userIdentity": c({"type": "Root", "arn": "arn:aws:iam::%s:root" % ACCT})}],
     [{"eventJson": c(ct(13, "PutEventSelectors", "cloudtrail.amazonaws.com", "2026-11-30T12:00:07Z"))}]]}, indent=2) + "\n")
# 8. lookup-events
w("cloudtrail/lookup-events.json", json.dumps({"Events": [{"EventId": "11111111-0000-4000-8000-000000000014", "EventName": "CreateLoginProfile", "ReadOnly": "false",
   "EventTime": "2026-11-30T13:00:00+00:00", "EventSource": "iam.amazonaws.com", "Username": "alice", "Resources": [],
   "CloudTrailEvent": c(ct(14, "CreateLoginProfile", "iam.amazonaws.com", "2026-11-30T13:00:00Z"))}]}, indent=2) + "\n")

# Kubernetes audit
def k8s(i, stage, verb, resource, name, ns, user, t0, t1, code=None, sub=None):
    e = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata",
         "auditID": "a1b2c3d4-0000-4000-8000-%012d" % i, "stage": stage,
         "requestURI": "/api/v1/namespaces/%s/%s/%s%s" % (ns, resource, name, "/" + sub if sub else ""),
         "verb": verb, "user": {"username": user, "groups": ["system:authenticated"]},
         "sourceIPs": ["10.0.%d.7" % i], "userAgent": "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46",
         "objectRef": {"resource": resource, "namespace": ns, "name": name, "apiVersion": "v1"},
         "requestReceivedTimestamp": t0}
    if sub: e["objectRef"]["subresource"] = sub
    if stage != "RequestReceived":
        e["responseStatus"] = {"metadata": {}, "code": code or 200}
        e["stageTimestamp"] = t1
    e["annotations"] = {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": ""}
    return e
kl = [k8s(1, "RequestReceived", "create", "pods", "web-7d9f", "prod", "dev@example.com", "2026-11-30T14:00:00.100000Z", None, sub="exec"),
      k8s(1, "ResponseStarted", "create", "pods", "web-7d9f", "prod", "dev@example.com", "2026-11-30T14:00:00.100000Z", "2026-11-30T14:00:00.180000Z", code=101, sub="exec"),
      k8s(2, "ResponseComplete", "get", "secrets", "db-password", "prod", "system:serviceaccount:prod:web", "2026-11-30T14:00:05.000000Z", "2026-11-30T14:00:05.012345Z"),
      k8s(3, "ResponseComplete", "delete", "configmaps", "feature-flags", "staging", "ops@example.com", "2026-11-30T14:01:00.000000Z", "2026-11-30T14:01:00.020000Z")]
w("kubernetes/audit.log", "".join(c(x) + "\n" for x in kl))
w("kubernetes/eventlist.json", json.dumps({"kind": "EventList", "apiVersion": "audit.k8s.io/v1", "metadata": {},
   "items": [k8s(4, "ResponseComplete", "create", "clusterrolebindings", "cluster-admin-2", "", "ops@example.com", "2026-11-30T15:00:00Z", "2026-11-30T15:00:00.030000Z", code=201),
             k8s(5, "Panic", "patch", "deployments", "web", "prod", "ops@example.com", "2026-11-30T15:00:10Z", "2026-11-30T15:00:10.500000Z", code=500)]}, indent=2) + "\n")

# VPC flow logs default format (as AWS writes to S3: header first)
hdr = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
vpc = [hdr,
       "2 %s eni-0a1b2c3d4e5f60718 198.51.100.23 10.0.1.15 49152 22 6 20 4249 1764489600 1764489660 ACCEPT OK" % ACCT,
       "2 %s eni-0a1b2c3d4e5f60718 10.0.1.15 198.51.100.23 22 49152 6 18 3840 1764489600 1764489660 ACCEPT OK" % ACCT,
       "2 %s eni-0a1b2c3d4e5f60718 203.0.113.99 10.0.1.15 61000 3389 6 1 40 1764489610 1764489660 REJECT OK" % ACCT,
       "2 %s eni-0a1b2c3d4e5f60718 - - - - - - - 1764489660 1764489720 - NODATA" % ACCT]
w("vpc/default.log", "\n".join(vpc) + "\n")
# without header, default format
w("vpc/no-header.log", "\n".join(vpc[1:3]) + "\n")
# custom v5 format, gzip
h5 = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
v5 = [h5,
      "5 vpc-0f1e2d3c4b5a69788 subnet-0123456789abcdef0 i-0fedcba9876543210 eni-0a1b2c3d4e5f60718 %s IPv4 10.0.1.15 52.94.133.131 44321 443 10.0.1.15 52.94.133.131 6 5230 12 1764489600 1764489660 ACCEPT 19 OK us-east-1 use1-az4 - - - S3 egress 8" % ACCT,
      "5 vpc-0f1e2d3c4b5a69788 subnet-0123456789abcdef0 - eni-0b2c3d4e5f6071829 %s IPv4 192.0.2.77 10.0.2.40 51515 5432 192.0.2.77 10.0.2.40 6 60 1 1764489605 1764489660 REJECT 2 OK us-east-1 use1-az4 - - - - ingress -" % ACCT]
gz("vpc/custom-v5.log.gz", ("\n".join(v5) + "\n").encode())

# bad inputs
b = [c(ct(20, "CreateRole", "iam.amazonaws.com", "2026-11-30T16:00:00Z")),
     '{"eventVersion":"1.09","eventName":"PutRolePolicy",',                        # 2 malformed (cut off)
     '"just a string"',                                                          # 3 not an object
     c({k: v for k, v in ct(21, "UpdateAssumeRolePolicy", "iam.amazonaws.com", "x").items() if k != "eventTime"}),  # 4 no eventTime
     c(ct(22, "DeleteUser", "iam.amazonaws.com", "yesterday")),                  # 5 invalid eventTime
     "",                                                                         # 6 blank
     c(ct(23, "DetachUserPolicy", "iam.amazonaws.com", "2026-11-30T16:00:09Z")) + ' trailing',  # 7 trailing text
     c(ct(24, "DeleteAccessKey", "iam.amazonaws.com", "2026-11-30T16:00:12Z"))]   # 8 good
w("bad/mixed.jsonl", "\n".join(b) + "\n")
w("bad/records-not-objects.json", c({"Records": [ct(25, "GetObject", "s3.amazonaws.com", "2026-11-30T17:00:00Z"), 42, "x", ct(26, "PutObject", "s3.amazonaws.com", "2026-11-30T17:00:01Z")]}))
with open(os.path.join(R, "bad/garbage.bin"), "wb") as f:
    f.write(bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]) + bytes(range(256)) * 4)
full = io.BytesIO()
with gzip.GzipFile(fileobj=full, mode="wb", mtime=0, filename="") as g:
    g.write("".join(c(ct(30 + i, "GetObject", "s3.amazonaws.com", "2026-11-30T18:00:%02dZ" % i)) + "\n" for i in range(40)).encode())
data = full.getvalue()
with open(os.path.join(R, "bad/truncated.json.gz"), "wb") as f:
    f.write(data[: len(data) * 2 // 3])
