package dev.bulwark.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic but realistic repository: Kubernetes manifest files of three objects each
 * (a workload of a rotating kind, a Service and a ConfigMap, with a mix of safe and unsafe
 * settings) and Dockerfiles. Seeded, so every run scans the same corpus.
 */
public final class CorpusGenerator {
    private static final String[] WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"};
    private final Random random;

    public CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Summary of what was written. */
    public record Corpus(int manifestFiles, int objects, int dockerfiles) {}

    public Corpus write(Path root, int manifestFiles, int dockerfiles) throws IOException {
        int objects = 0;
        for (int i = 0; i < manifestFiles; i++) {
            Path folder = root.resolve("deploy").resolve("team-" + (i % 50));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("service-" + i + ".yaml"), manifest(i), StandardCharsets.UTF_8);
            objects += 3;
        }
        for (int i = 0; i < dockerfiles; i++) {
            Path folder = root.resolve("images").resolve("app-" + i);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("Dockerfile"), dockerfile(i), StandardCharsets.UTF_8);
        }
        return new Corpus(manifestFiles, objects, dockerfiles);
    }

    String manifest(int index) {
        String kind = WORKLOADS[index % WORKLOADS.length];
        String name = "svc-" + index;
        String namespace = random.nextInt(10) == 0 ? "default" : "team-" + (index % 50);
        boolean hardened = random.nextBoolean();
        StringBuilder podSpec = new StringBuilder();
        String indent = switch (kind) {
            case "Pod" -> "  ";
            case "CronJob" -> "          ";
            default -> "      ";
        };
        podSpec.append(indent).append("serviceAccountName: ").append(name).append('\n');
        if (hardened) {
            podSpec.append(indent).append("automountServiceAccountToken: false\n");
            podSpec.append(indent).append("securityContext:\n");
            podSpec.append(indent).append("  runAsNonRoot: true\n");
            podSpec.append(indent).append("  seccompProfile:\n");
            podSpec.append(indent).append("    type: RuntimeDefault\n");
        } else if (random.nextInt(4) == 0) {
            podSpec.append(indent).append("hostNetwork: true\n");
        }
        if (kind.equals("Job") || kind.equals("CronJob")) {
            podSpec.append(indent).append("restartPolicy: OnFailure\n");
        }
        podSpec.append(indent).append("containers:\n");
        int containers = 1 + random.nextInt(2);
        for (int c = 0; c < containers; c++) {
            String image = switch (random.nextInt(4)) {
                case 0 -> "nginx:latest";
                case 1 -> "registry.example.com/team/app:" + (1 + random.nextInt(9)) + ".2.3";
                case 2 -> "registry.example.com/team/app@sha256:" + "ab".repeat(32);
                default -> "busybox";
            };
            podSpec.append(indent).append("  - name: c").append(c).append('\n');
            podSpec.append(indent).append("    image: ").append(image).append('\n');
            podSpec.append(indent).append("    ports:\n");
            podSpec.append(indent).append("      - containerPort: ").append(8080 + c).append('\n');
            if (!hardened && random.nextInt(3) == 0) {
                podSpec.append(indent).append("        hostPort: ").append(8080 + c).append('\n');
            }
            podSpec.append(indent).append("    env:\n");
            podSpec.append(indent).append("      - name: LOG_LEVEL\n");
            podSpec.append(indent).append("        value: info\n");
            if (!hardened && random.nextInt(5) == 0) {
                podSpec.append(indent).append("      - name: DB_PASSWORD\n");
                podSpec.append(indent).append("        value: hunter2-").append(index).append('\n');
            }
            if (hardened) {
                podSpec.append(indent).append("    resources:\n");
                podSpec.append(indent).append("      requests: {cpu: 100m, memory: 128Mi}\n");
                podSpec.append(indent).append("      limits: {cpu: 500m, memory: 256Mi}\n");
                podSpec.append(indent).append("    securityContext:\n");
                podSpec.append(indent).append("      allowPrivilegeEscalation: false\n");
                podSpec.append(indent).append("      readOnlyRootFilesystem: true\n");
                podSpec.append(indent).append("      capabilities:\n");
                podSpec.append(indent).append("        drop: [ALL]\n");
                podSpec.append(indent).append("    livenessProbe:\n");
                podSpec.append(indent).append("      httpGet: {path: /healthz, port: ").append(8080 + c).append("}\n");
                podSpec.append(indent).append("    readinessProbe:\n");
                podSpec.append(indent).append("      httpGet: {path: /ready, port: ").append(8080 + c).append("}\n");
            } else if (random.nextInt(3) == 0) {
                podSpec.append(indent).append("    securityContext:\n");
                podSpec.append(indent).append("      privileged: true\n");
                podSpec.append(indent).append("      capabilities:\n");
                podSpec.append(indent).append("        add: [NET_ADMIN, SYS_TIME]\n");
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Generated benchmark manifest ").append(index).append('\n');
        out.append("apiVersion: ").append(apiVersion(kind)).append('\n');
        out.append("kind: ").append(kind).append('\n');
        out.append("metadata:\n  name: ").append(name).append("\n  namespace: ").append(namespace).append('\n');
        out.append("  labels:\n    app.kubernetes.io/name: ").append(name).append("\n    app.kubernetes.io/part-of: shop\n");
        switch (kind) {
            case "Pod" -> out.append("spec:\n").append(podSpec);
            case "CronJob" -> out.append("spec:\n  schedule: \"*/15 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n")
                    .append("        metadata:\n          labels:\n            app: ").append(name).append('\n')
                    .append("        spec:\n").append(podSpec);
            case "Job" -> out.append("spec:\n  backoffLimit: 2\n  template:\n    metadata:\n      labels:\n        app: ").append(name)
                    .append("\n    spec:\n").append(podSpec);
            default -> {
                out.append("spec:\n");
                if (!kind.equals("DaemonSet")) {
                    out.append("  replicas: ").append(1 + random.nextInt(4)).append('\n');
                }
                if (kind.equals("StatefulSet")) {
                    out.append("  serviceName: ").append(name).append('\n');
                }
                out.append("  selector:\n    matchLabels:\n      app: ").append(name).append('\n');
                out.append("  template:\n    metadata:\n      labels:\n        app: ").append(name).append("\n    spec:\n").append(podSpec);
            }
        }
        out.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ").append(name).append("\n  namespace: ").append(namespace)
                .append("\nspec:\n  type: ").append(random.nextInt(6) == 0 ? "LoadBalancer" : "ClusterIP")
                .append("\n  selector:\n    app: ").append(name).append("\n  ports:\n    - port: 80\n      targetPort: 8080\n");
        out.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").append(name).append("-config\n  namespace: ").append(namespace)
                .append("\ndata:\n  LOG_FORMAT: json\n  FEATURE_FLAGS: \"checkout,search\"\n");
        if (random.nextInt(8) == 0) {
            out.append("  DATABASE_PASSWORD: \"s3cr3t-").append(String.format(Locale.ROOT, "%06d", index)).append("\"\n");
        }
        return out.toString();
    }

    private static String apiVersion(String kind) {
        return switch (kind) {
            case "Pod" -> "v1";
            case "Job", "CronJob" -> "batch/v1";
            default -> "apps/v1";
        };
    }

    String dockerfile(int index) {
        StringBuilder out = new StringBuilder();
        out.append("# syntax=docker/dockerfile:1\n");
        out.append("ARG BASE=python:3.12-slim\n");
        out.append("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n\n");
        out.append("FROM ${BASE}\n");
        if (index % 3 == 0) {
            out.append("RUN apt-get update && \\\n    apt-get install -y curl ca-certificates && \\\n    curl -fsSL https://example.com/install.sh | sh\n");
        } else {
            out.append("RUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates=20230311 \\\n && rm -rf /var/lib/apt/lists/*\n");
        }
        if (index % 4 == 0) {
            out.append("ENV API_TOKEN=tok_").append(index).append("abcdef\n");
        }
        out.append("COPY --from=build /out/app /usr/local/bin/app\n");
        if (index % 2 == 0) {
            out.append("RUN useradd -r app\nUSER app\nHEALTHCHECK CMD [\"/usr/local/bin/app\", \"health\"]\n");
        } else {
            out.append("EXPOSE 22\n");
        }
        out.append("ENTRYPOINT [\"/usr/local/bin/app\"]\n");
        return out.toString();
    }
}
