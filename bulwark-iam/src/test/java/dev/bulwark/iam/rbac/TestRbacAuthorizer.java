package dev.bulwark.iam.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RbacModel#can} answers as the Kubernetes RBAC authorizer would for the same objects. */
class TestRbacAuthorizer {
    private static final RbacModel SEMANTICS = RbacModel.of(TestingManifests.load("rbac/can-semantics.yaml"));
    private static final RbacModel AGGREGATION = RbacModel.of(TestingManifests.load("rbac/aggregation.yaml"));

    private static final RbacSubject ALICE = RbacSubject.user("alice");
    private static final RbacSubject BOB = RbacSubject.user("bob");

    /** subject, verb, apiGroup, resource, subresource, namespace, name, allowed, why. */
    static Stream<Arguments> requests() {
        return Stream.of(
                // * in verbs.
                request(ALICE, "delete", "", "configmaps", "", "x", "settings", true, "* verbs"),
                request(ALICE, "deletecollection", "", "configmaps", "", "x", "", true, "* verbs, no name needed"),
                request(ALICE, "get", "", "services", "", "x", "web", false, "other resource"),
                // * in resources, subresources included.
                request(ALICE, "get", "apps", "statefulsets", "", "x", "db", true, "* resources of apps"),
                request(ALICE, "get", "apps", "deployments", "status", "x", "web", true, "* resources covers subresources"),
                request(ALICE, "get", "batch", "jobs", "", "x", "j", false, "* resources is per group"),
                request(ALICE, "list", "apps", "statefulsets", "", "x", "", false, "only get"),
                // * in apiGroups.
                request(ALICE, "list", "extensions", "deployments", "", "x", "", true, "* groups"),
                request(ALICE, "list", "example.com", "deployments", "", "", "", true, "* groups, any custom group"),
                request(ALICE, "get", "", "deployments", "", "x", "web", false, "core has no get rule for deployments"),
                // */subresource.
                request(ALICE, "update", "apps", "deployments", "scale", "x", "web", true, "*/scale"),
                request(ALICE, "update", "", "replicationcontrollers", "scale", "x", "rc", true, "*/scale in core"),
                request(ALICE, "update", "apps", "deployments", "", "x", "web", false, "*/scale is not the resource"),
                request(ALICE, "update", "", "pods", "status", "x", "p", false, "*/scale is not status"),
                // pods/* is literal.
                request(ALICE, "get", "", "pods", "exec", "x", "p", false, "pods/* grants no real subresource"),
                request(ALICE, "get", "", "pods", "*", "x", "p", true, "pods/* matches only the literal subresource *"),
                request(ALICE, "get", "", "pods", "log", "x", "p", true, "pods/log"),
                request(ALICE, "get", "", "pods", "", "x", "p", false, "pods/log is not pods"),
                // resourceNames.
                request(ALICE, "get", "", "secrets", "", "x", "app-config", true, "named secret"),
                request(ALICE, "delete", "", "secrets", "", "x", "app-config", true, "named secret, other verb"),
                request(ALICE, "get", "", "secrets", "", "x", "db-password", false, "other name"),
                request(ALICE, "list", "", "secrets", "", "x", "", false, "a list has no name"),
                request(ALICE, "watch", "", "secrets", "", "x", "", false, "a watch of the collection has no name"),
                request(ALICE, "list", "", "secrets", "", "x", "app-config", true, "a list narrowed to one name has it"),
                request(ALICE, "create", "", "secrets", "", "x", "", false, "create cannot be limited by name"),
                // RoleBinding to a ClusterRole: the binding's namespace only.
                request(BOB, "delete", "", "configmaps", "", "shop", "c", true, "RoleBinding namespace"),
                request(BOB, "delete", "", "configmaps", "", "payments", "c", false, "other namespace"),
                request(BOB, "list", "example.com", "deployments", "", "", "", false, "cluster-scoped request"),
                // Service accounts: namespace defaulting and groups.
                request(RbacSubject.serviceAccount("shop", "frontend"), "get", "", "configmaps", "", "shop", "c", true, "namespace defaults to the binding's"),
                request(RbacSubject.serviceAccount("web", "frontend"), "get", "", "configmaps", "", "shop", "c", false, "same name, other namespace"),
                request(RbacSubject.serviceAccount("ci", "builder"), "patch", "", "configmaps", "", "shop", "c", true, "system:serviceaccounts:ci"),
                request(RbacSubject.group("system:serviceaccounts:ci"), "patch", "", "configmaps", "", "shop", "c", true, "the group itself"),
                request(RbacSubject.serviceAccount("shop", "worker"), "patch", "", "configmaps", "", "shop", "c", false, "not in ci"),
                request(RbacSubject.serviceAccount("any", "thing"), "get", "", "nodes", "", "", "n1", true, "system:serviceaccounts"),
                request(ALICE, "get", "", "nodes", "", "", "n1", false, "users are not service accounts"),
                request(RbacSubject.serviceAccount("ops", "backup"), "get", "", "nodes", "", "", "n1", true, "User system:serviceaccount:ops:backup"),
                // system:authenticated and system:unauthenticated.
                request(BOB, "get", "", "pods", "", "shop", "p", true, "system:authenticated"),
                request(RbacSubject.serviceAccount("shop", "worker"), "list", "", "pods", "", "shop", "", true, "service accounts are authenticated"),
                request(RbacSubject.group("developers"), "list", "", "pods", "", "shop", "", true, "group members are authenticated"),
                request(RbacSubject.user(RbacSubject.ANONYMOUS_USER), "list", "", "pods", "", "shop", "", false, "anonymous is not authenticated"),
                request(RbacSubject.user(RbacSubject.ANONYMOUS_USER), "list", "", "namespaces", "", "", "", true, "system:unauthenticated"),
                request(ALICE, "list", "", "namespaces", "", "", "", false, "authenticated users are not unauthenticated"));
    }

    private static Arguments request(RbacSubject subject, String verb, String group, String resource, String subresource,
                                     String namespace, String name, boolean allowed, String why) {
        return Arguments.of(subject, verb, group, resource, subresource, namespace, name, allowed, why);
    }

    @ParameterizedTest(name = "{0} {1} {2}/{3}/{4} in ''{5}'' named ''{6}'': {7} ({8})")
    @MethodSource("requests")
    void answersAsTheAuthorizer(RbacSubject subject, String verb, String group, String resource, String subresource,
                                String namespace, String name, boolean allowed, String why) {
        assertThat(SEMANTICS.can(subject, verb, group, resource, subresource, namespace, name)).as(why).isEqualTo(allowed);
    }

    @Test
    void nonResourceUrlsMatchExactlyOrByPrefixAndOnlyClusterWide() {
        assertThat(SEMANTICS.canAccessPath(ALICE, "get", "/metrics")).isTrue();
        assertThat(SEMANTICS.canAccessPath(ALICE, "get", "/logs/kube-apiserver.log")).isTrue();
        assertThat(SEMANTICS.canAccessPath(ALICE, "get", "/logsx")).isFalse();
        assertThat(SEMANTICS.canAccessPath(ALICE, "post", "/metrics")).isFalse();
        assertThat(SEMANTICS.canAccessPath(ALICE, "get", "/healthz")).isFalse();
        // The same rule bound by a RoleBinding grants no path: paths have no namespace.
        assertThat(SEMANTICS.canAccessPath(BOB, "get", "/metrics")).isFalse();
    }

    @Test
    void serviceAccountUserNamesBecomeServiceAccounts() {
        assertThat(SEMANTICS.subjects()).contains(RbacSubject.serviceAccount("ops", "backup"), RbacSubject.serviceAccount("shop", "frontend"))
                .doesNotContain(new RbacSubject(RbacSubject.Kind.USER, "", "system:serviceaccount:ops:backup"));
    }

    @Test
    void permissionsRememberScopeAndGrant() {
        List<Permission> bobs = SEMANTICS.grantedTo(BOB);
        assertThat(bobs).hasSize(7).allSatisfy(permission -> {
            assertThat(permission.scope()).isEqualTo(Scope.namespace("shop"));
            assertThat(permission.grant().bindingLabel()).isEqualTo("RoleBinding shop/bob-semantics-in-shop");
            assertThat(permission.grant().role().label()).isEqualTo("ClusterRole semantics");
            assertThat(permission.grant().subjectPath()).isEqualTo("subjects[0]");
        });
        assertThat(bobs.get(5).grant().ruleIndex()).isEqualTo(5);
        assertThat(bobs.get(5).rule().summary()).isEqualTo("get, list, watch, update, delete, create on secrets named app-config");
        assertThat(bobs.get(5).grant().ruleLocation().orElseThrow().startLine()).isEqualTo(23);
        // Effective permissions add those of the groups bob is in.
        assertThat(SEMANTICS.permissionsOf(BOB)).hasSize(8);
        assertThat(SEMANTICS.permissionsOf(BOB).get(7).holder()).isEqualTo(RbacSubject.group("system:authenticated"));
    }

    @Test
    void aggregationFollowsSelectorsRecursivelyAndSurvivesCycles() {
        RbacSubject carol = RbacSubject.user("carol");
        assertThat(AGGREGATION.can(carol, "get", "", "pods", "", "x", "p")).as("matchLabels and In").isTrue();
        assertThat(AGGREGATION.can(carol, "get", "", "pods", "log", "x", "p")).as("DoesNotExist fails").isFalse();
        assertThat(AGGREGATION.can(carol, "get", "", "services", "", "x", "s")).as("In fails").isFalse();
        assertThat(AGGREGATION.can(carol, "get", "", "endpoints", "", "x", "e")).as("Exists and NotIn").isTrue();
        assertThat(AGGREGATION.can(carol, "get", "", "nodes", "", "", "n")).as("NotIn fails").isFalse();
        assertThat(AGGREGATION.can(carol, "list", "", "events", "", "x", "")).as("own rule").isTrue();

        Permission pods = AGGREGATION.grantedTo(carol).stream()
                .filter(permission -> permission.rule().resources().contains("pods")).findFirst().orElseThrow();
        assertThat(pods.grant().role().name()).isEqualTo("observability");
        assertThat(pods.grant().aggregatedFrom()).extracting(RoleRef::name).containsExactly("monitoring", "metrics-part");
        assertThat(pods.grant().ruleRole().name()).isEqualTo("metrics-part");

        RbacSubject dave = RbacSubject.user("dave");
        assertThat(AGGREGATION.can(dave, "get", "", "configmaps", "", "x", "c")).isTrue();
        assertThat(AGGREGATION.can(dave, "list", "", "services", "", "x", "")).as("through cycle-b").isTrue();
        assertThat(AGGREGATION.grantedTo(dave)).hasSize(2);
        assertThat(AGGREGATION.warnings()).isEmpty();
    }
}
