package dev.bulwark.iam.account;

import dev.bulwark.iam.account.Technique.Kind;
import dev.bulwark.iam.account.Technique.On;
import dev.bulwark.iam.account.Technique.Requirement;
import dev.bulwark.iam.account.Technique.Trust;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulwark's catalog of privilege-escalation techniques in AWS IAM, as data: each names the
 * actions it needs (with the resource each acts on), what the attacker gains and how that ends in
 * more privilege. Written from the AWS documentation of the actions involved.
 *
 * <p>Left out on purpose: {@code iam:CreateServiceLinkedRole} (the role's policy is AWS's and only
 * the service can use it), {@code iam:UpdateRole} (it changes a description or the session length,
 * not permissions), {@code cloudformation:SetStackPolicy} alone (it lifts update protection from a
 * stack's resources but grants no permission by itself), and CodeStar projects (the service
 * stopped accepting new projects in 2024).
 *
 * <p>Immutable.
 */
public final class EscalationTechniques {
    private static final Set<PrincipalKind> USERS = Set.of(PrincipalKind.USER);
    private static final Set<PrincipalKind> ROLES = Set.of(PrincipalKind.ROLE);
    private static final Set<PrincipalKind> BOTH = Set.of(PrincipalKind.USER, PrincipalKind.ROLE);

    private static final String EC2 = "ec2.amazonaws.com";
    private static final String LAMBDA = "lambda.amazonaws.com";
    private static final String CLOUDFORMATION = "cloudformation.amazonaws.com";
    private static final String GLUE = "glue.amazonaws.com";
    private static final String SAGEMAKER = "sagemaker.amazonaws.com";
    private static final String CODEBUILD = "codebuild.amazonaws.com";
    private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";
    private static final String APPRUNNER = "tasks.apprunner.amazonaws.com";

    private static final String INSTANCE = "arn:aws:ec2:{region}:{account}:instance/i-0b0b0b0b0b0b0b0b0";
    private static final String FUNCTION = "arn:aws:lambda:{region}:{account}:function:{name}";
    private static final String STACK = "arn:aws:cloudformation:{region}:{account}:stack/{name}/0b0b0b0b";
    private static final String TASK_DEFINITION = "arn:aws:ecs:{region}:{account}:task-definition/{name}:1";
    private static final String PROJECT = "arn:aws:codebuild:{region}:{account}:project/{name}";
    private static final String NOTEBOOK = "arn:aws:sagemaker:{region}:{account}:notebook-instance/{name}";

    private final List<Technique> techniques;

    private EscalationTechniques(List<Technique> techniques) {
        Set<String> ids = new HashSet<>();
        for (Technique technique : techniques) {
            if (!ids.add(technique.id())) {
                throw new IllegalStateException("technique " + technique.id() + " appears twice");
            }
        }
        this.techniques = List.copyOf(techniques);
    }

    /** The bundled catalog, in the order findings and documentation list it. */
    public static EscalationTechniques bundled() {
        List<Technique> all = new ArrayList<>();
        identityTechniques(all);
        roleAndUserTechniques(all);
        passRoleTechniques(all);
        inUseTechniques(all);
        return new EscalationTechniques(all);
    }

    public List<Technique> all() {
        return techniques;
    }

    public Optional<Technique> find(String id) {
        for (Technique technique : techniques) {
            if (technique.id().equals(id)) {
                return Optional.of(technique);
            }
        }
        return Optional.empty();
    }

    private static void identityTechniques(List<Technique> all) {
        String write = "a policy of its own choosing on itself";
        String allOf = "every permission its permissions boundary and the SCPs leave open";
        all.add(new Technique("iam-put-user-policy", "Write an inline policy on itself", Kind.SELF_POLICY, USERS,
                List.of(self("iam:PutUserPolicy")), List.of(), false, write,
                "the user writes an inline policy allowing everything and then holds " + allOf));
        all.add(new Technique("iam-attach-user-policy", "Attach a managed policy to itself", Kind.SELF_POLICY, USERS,
                List.of(self("iam:AttachUserPolicy", Map.of("iam:PolicyARN", "{admin}"))), List.of(), false, write,
                "the user attaches AdministratorAccess to itself and then holds " + allOf));
        all.add(new Technique("iam-put-group-policy", "Write an inline policy on its own group", Kind.GROUP_POLICY, USERS,
                List.of(target("iam:PutGroupPolicy")), List.of(), false, "a policy of its own choosing on a group it is in",
                "the user writes a policy allowing everything on its group and, as a member, holds " + allOf));
        all.add(new Technique("iam-attach-group-policy", "Attach a managed policy to its own group", Kind.GROUP_POLICY, USERS,
                List.of(target("iam:AttachGroupPolicy", Map.of("iam:PolicyARN", "{admin}"))), List.of(), false,
                "a policy of its own choosing on a group it is in",
                "the user attaches AdministratorAccess to its group and, as a member, holds " + allOf));
        all.add(new Technique("iam-create-policy-version", "Write a new default version of a policy that applies to it",
                Kind.POLICY_VERSION, BOTH, List.of(policy("iam:CreatePolicyVersion")), List.of(), false,
                "a rewritten customer managed policy that applies to it",
                "a new version created as the default replaces the policy's content at once; written to allow everything, "
                        + "it gives the principal " + allOf + " (when the policy is its boundary, the boundary stops limiting)"));
        all.add(new Technique("iam-set-default-policy-version", "Make a wider old version of its policy the default",
                Kind.DEFAULT_VERSION, BOTH, List.of(policy("iam:SetDefaultPolicyVersion")), List.of(), false,
                "the permissions of an older version of a policy that applies to it",
                "customer managed policies keep up to five versions; making a wider one the default grants what it says"));
        all.add(new Technique("iam-add-user-to-group", "Add itself to a more privileged group", Kind.JOIN_GROUP, USERS,
                List.of(target("iam:AddUserToGroup")), List.of(), false, "the policies of another group",
                "once a member, the user holds what the group's policies grant"));
        all.add(new Technique("iam-delete-user-permissions-boundary", "Remove its own permissions boundary", Kind.DROP_BOUNDARY,
                USERS, List.of(self("iam:DeleteUserPermissionsBoundary")), List.of(), false,
                "its identity policies without the limit of its boundary", "the boundary was all that kept its policies from granting more"));
        all.add(new Technique("iam-put-user-permissions-boundary", "Replace its own permissions boundary with a wider one",
                Kind.DROP_BOUNDARY, USERS, List.of(self("iam:PutUserPermissionsBoundary", Map.of("iam:PermissionsBoundary", "{admin}"))),
                List.of(), false, "its identity policies without the limit of its boundary",
                "a boundary that allows everything limits nothing, so its identity policies apply in full"));
        all.add(new Technique("iam-delete-role-permissions-boundary", "Remove its own permissions boundary (role)", Kind.DROP_BOUNDARY,
                ROLES, List.of(self("iam:DeleteRolePermissionsBoundary")), List.of(), false,
                "its identity policies without the limit of its boundary", "the boundary was all that kept its policies from granting more"));
        all.add(new Technique("iam-put-role-permissions-boundary", "Replace its own permissions boundary with a wider one (role)",
                Kind.DROP_BOUNDARY, ROLES, List.of(self("iam:PutRolePermissionsBoundary", Map.of("iam:PermissionsBoundary", "{admin}"))),
                List.of(), false, "its identity policies without the limit of its boundary",
                "a boundary that allows everything limits nothing, so its identity policies apply in full"));
        all.add(new Technique("iam-detach-user-policy", "Detach a managed policy that denies it", Kind.DROP_MANAGED_DENY, USERS,
                List.of(self("iam:DetachUserPolicy", Map.of("iam:PolicyARN", "{policy}"))), List.of(), false,
                "its other policies without a Deny that limited them", "the Deny goes with the policy, and what it blocked is allowed"));
        all.add(new Technique("iam-delete-user-policy", "Delete an inline policy that denies it", Kind.DROP_INLINE_DENY, USERS,
                List.of(self("iam:DeleteUserPolicy")), List.of(), false, "its other policies without a Deny that limited them",
                "the Deny goes with the policy, and what it blocked is allowed"));
        all.add(new Technique("iam-remove-user-from-group", "Leave a group whose policies deny it", Kind.LEAVE_GROUP, USERS,
                List.of(target("iam:RemoveUserFromGroup")), List.of(), false, "its other policies without a group's Deny",
                "outside the group its Deny no longer applies, and what it blocked is allowed"));
        all.add(new Technique("iam-put-role-policy", "Write an inline policy on itself (role)", Kind.SELF_POLICY, ROLES,
                List.of(self("iam:PutRolePolicy")), List.of(), false, write,
                "the role writes an inline policy allowing everything; its sessions then hold " + allOf));
        all.add(new Technique("iam-attach-role-policy", "Attach a managed policy to itself (role)", Kind.SELF_POLICY, ROLES,
                List.of(self("iam:AttachRolePolicy", Map.of("iam:PolicyARN", "{admin}"))), List.of(), false, write,
                "the role attaches AdministratorAccess to itself; its sessions then hold " + allOf));
        all.add(new Technique("iam-detach-role-policy", "Detach a managed policy that denies it (role)", Kind.DROP_MANAGED_DENY, ROLES,
                List.of(self("iam:DetachRolePolicy", Map.of("iam:PolicyARN", "{policy}"))), List.of(), false,
                "its other policies without a Deny that limited them", "the Deny goes with the policy, and what it blocked is allowed"));
        all.add(new Technique("iam-delete-role-policy", "Delete an inline policy that denies it (role)", Kind.DROP_INLINE_DENY, ROLES,
                List.of(self("iam:DeleteRolePolicy")), List.of(), false, "its other policies without a Deny that limited them",
                "the Deny goes with the policy, and what it blocked is allowed"));
    }

    private static void roleAndUserTechniques(List<Technique> all) {
        all.add(new Technique("iam-attach-role-policy-assumable", "Attach a managed policy to a role it can assume",
                Kind.MODIFY_ASSUMABLE_ROLE, BOTH, List.of(target("iam:AttachRolePolicy", Map.of("iam:PolicyARN", "{admin}")), assume()),
                List.of(), false, "a role it can assume, widened by a policy of its choosing",
                "it attaches AdministratorAccess to the role and assumes it"));
        all.add(new Technique("iam-put-role-policy-assumable", "Write an inline policy on a role it can assume",
                Kind.MODIFY_ASSUMABLE_ROLE, BOTH, List.of(target("iam:PutRolePolicy"), assume()), List.of(), false,
                "a role it can assume, widened by a policy of its choosing", "it writes a policy allowing everything on the role and assumes it"));
        all.add(new Technique("sts-assume-role", "Assume a more privileged role", Kind.ASSUME_ROLE, BOTH, List.of(assume()), List.of(),
                false, "the permissions of the role", "the role's trust policy and the principal's own policies both allow it to assume the role"));
        all.add(new Technique("iam-update-assume-role-policy", "Rewrite a privileged role's trust policy and assume it",
                Kind.REWRITE_TRUST, BOTH, List.of(target("iam:UpdateAssumeRolePolicy"),
                        new Requirement("sts:AssumeRole", On.TARGET, "", Map.of(), Trust.REWRITTEN_TRUST)), List.of(), false,
                "the permissions of the role", "it replaces the trust policy with one naming itself, which is enough to assume the role"));
        all.add(new Technique("iam-create-access-key", "Create an access key for a more privileged user", Kind.USER_CREDENTIALS, BOTH,
                List.of(target("iam:CreateAccessKey")), List.of(), false, "long-term credentials of the other user",
                "the new key signs requests as that user (a user may have two keys, so this works unless both slots are taken)"));
        all.add(new Technique("iam-create-login-profile", "Set a console password for a more privileged user", Kind.USER_CREDENTIALS,
                BOTH, List.of(target("iam:CreateLoginProfile")), List.of(), false, "console access as the other user",
                "for a user without a password, it sets one and signs in to the console as that user (MFA on the user stops it)"));
        all.add(new Technique("iam-update-login-profile", "Reset the console password of a more privileged user", Kind.USER_CREDENTIALS,
                BOTH, List.of(target("iam:UpdateLoginProfile")), List.of(), false, "console access as the other user",
                "for a user with a password, it sets a new one and signs in as that user (MFA on the user stops it)"));
    }

    private static void passRoleTechniques(List<Technique> all) {
        String runs = "code of its choosing running with the role's credentials";
        all.add(pass("ec2-run-instances", "Launch an instance with a privileged instance profile", EC2, true,
                List.of(created("ec2:RunInstances", INSTANCE)), runs,
                "the instance's user data runs its commands, which read the role's credentials from the instance metadata service"));
        all.add(pass("ec2-run-instances-new-profile", "Put a privileged role in a new instance profile and launch an instance with it",
                EC2, false, List.of(created("iam:CreateInstanceProfile", "arn:aws:iam::{account}:instance-profile/{name}"),
                        created("iam:AddRoleToInstanceProfile", "arn:aws:iam::{account}:instance-profile/{name}"),
                        created("ec2:RunInstances", INSTANCE)), runs,
                "the new profile carries the role to the instance, whose user data reads its credentials"));
        all.add(pass("ec2-request-spot-instances", "Request a spot instance with a privileged instance profile", EC2, true,
                List.of(created("ec2:RequestSpotInstances", "arn:aws:ec2:{region}:{account}:spot-instances-request/sir-{name}")), runs,
                "the spot instance starts with the profile and runs the attacker's user data"));
        all.add(pass("ec2-associate-instance-profile", "Attach a privileged instance profile to an instance it controls", EC2, true,
                List.of(existing("ec2:AssociateIamInstanceProfile", INSTANCE)), "the role's credentials on an instance it can log in to",
                "on an instance the attacker already reaches, the metadata service then hands out the role's credentials"));
        all.add(pass("autoscaling-launch-configuration", "Create a launch configuration and an Auto Scaling group with a privileged profile",
                EC2, true, List.of(created("autoscaling:CreateLaunchConfiguration",
                        "arn:aws:autoscaling:{region}:{account}:launchConfiguration:0b0b0b0b:launchConfigurationName/{name}"),
                        created("autoscaling:CreateAutoScalingGroup",
                                "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:0b0b0b0b:autoScalingGroupName/{name}")), runs,
                "the group launches instances with the profile and the attacker's user data"));
        all.add(pass("autoscaling-launch-template", "Create a launch template and an Auto Scaling group with a privileged profile", EC2,
                true, List.of(created("ec2:CreateLaunchTemplate", "arn:aws:ec2:{region}:{account}:launch-template/lt-0b0b0b0b0b0b0b0b0"),
                        created("autoscaling:CreateAutoScalingGroup",
                                "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:0b0b0b0b:autoScalingGroupName/{name}")), runs,
                "the group launches instances from the template, with the profile and the attacker's user data"));
        all.add(pass("emr-run-job-flow", "Start an EMR cluster whose instances use a privileged profile", EC2, true,
                List.of(created("elasticmapreduce:RunJobFlow", "arn:aws:elasticmapreduce:{region}:{account}:cluster/j-{name}")), runs,
                "bootstrap actions and steps of the cluster run on instances with the role's credentials"));
        all.add(pass("lambda-create-invoke", "Create a function with a privileged role and invoke it", LAMBDA, false,
                List.of(created("lambda:CreateFunction", FUNCTION), created("lambda:InvokeFunction", FUNCTION)), runs,
                "the function's code calls AWS with the role's credentials when it is invoked"));
        all.add(pass("lambda-create-event-source-mapping", "Create a function with a privileged role and trigger it from an event source",
                LAMBDA, false, List.of(created("lambda:CreateFunction", FUNCTION),
                        created("lambda:CreateEventSourceMapping", "arn:aws:lambda:{region}:{account}:event-source-mapping:{name}")), runs,
                "a stream or queue mapped to the function invokes it, without the attacker needing lambda:InvokeFunction"));
        all.add(pass("lambda-create-add-permission", "Create a function with a privileged role and let anyone invoke it", LAMBDA, false,
                List.of(created("lambda:CreateFunction", FUNCTION), created("lambda:AddPermission", FUNCTION)), runs,
                "a resource policy on the function lets the attacker (from any account) invoke it"));
        all.add(pass("cloudformation-create-stack", "Create a stack that runs with a privileged service role", CLOUDFORMATION, false,
                List.of(created("cloudformation:CreateStack", STACK)), "resources created and changed with the role's permissions",
                "CloudFormation provisions whatever the template says (an IAM user, an access key, a policy) as the role"));
        all.add(pass("cloudformation-change-set", "Create and execute a change set with a privileged service role", CLOUDFORMATION, false,
                List.of(created("cloudformation:CreateChangeSet", STACK), created("cloudformation:ExecuteChangeSet", STACK)),
                "resources created and changed with the role's permissions",
                "executing the change set makes CloudFormation apply the attacker's template as the role"));
        all.add(pass("glue-create-dev-endpoint", "Create a Glue development endpoint with a privileged role", GLUE, false,
                List.of(created("glue:CreateDevEndpoint", "arn:aws:glue:{region}:{account}:devEndpoint/{name}")),
                "a shell on an endpoint holding the role's credentials", "the attacker's SSH key opens the endpoint, where the role's credentials are available"));
        all.add(pass("glue-create-job", "Create and start a Glue job with a privileged role", GLUE, false,
                List.of(created("glue:CreateJob", "arn:aws:glue:{region}:{account}:job/{name}"),
                        created("glue:StartJobRun", "arn:aws:glue:{region}:{account}:job/{name}")), runs,
                "the job's script runs as the role"));
        all.add(pass("glue-create-job-trigger", "Create a Glue job with a privileged role and a trigger that starts it", GLUE, false,
                List.of(created("glue:CreateJob", "arn:aws:glue:{region}:{account}:job/{name}"),
                        created("glue:CreateTrigger", "arn:aws:glue:{region}:{account}:trigger/{name}")), runs,
                "the trigger starts the job, whose script runs as the role"));
        all.add(pass("glue-update-job", "Point an existing Glue job at a privileged role and start it", GLUE, false,
                List.of(existing("glue:UpdateJob", "arn:aws:glue:{region}:{account}:job/{name}"),
                        existing("glue:StartJobRun", "arn:aws:glue:{region}:{account}:job/{name}")), runs,
                "the job's new script and role take effect on the next run"));
        all.add(pass("glue-create-session", "Open a Glue interactive session with a privileged role", GLUE, false,
                List.of(created("glue:CreateSession", "arn:aws:glue:{region}:{account}:session/{name}"),
                        created("glue:RunStatement", "arn:aws:glue:{region}:{account}:session/{name}")), runs,
                "statements run in the session execute as the role"));
        all.add(pass("sagemaker-create-notebook", "Create a SageMaker notebook with a privileged role and open it", SAGEMAKER, false,
                List.of(created("sagemaker:CreateNotebookInstance", NOTEBOOK),
                        created("sagemaker:CreatePresignedNotebookInstanceUrl", NOTEBOOK)),
                "a Jupyter terminal holding the role's credentials", "the presigned URL opens the notebook, whose terminal runs as the role"));
        all.add(pass("sagemaker-create-training-job", "Run a SageMaker training job with a privileged role", SAGEMAKER, false,
                List.of(created("sagemaker:CreateTrainingJob", "arn:aws:sagemaker:{region}:{account}:training-job/{name}")), runs,
                "the training container (an image of the attacker's choosing) runs as the role"));
        all.add(pass("sagemaker-create-processing-job", "Run a SageMaker processing job with a privileged role", SAGEMAKER, false,
                List.of(created("sagemaker:CreateProcessingJob", "arn:aws:sagemaker:{region}:{account}:processing-job/{name}")), runs,
                "the processing container runs the attacker's entry point as the role"));
        all.add(pass("codebuild-create-project", "Create and start a CodeBuild project with a privileged role", CODEBUILD, false,
                List.of(created("codebuild:CreateProject", PROJECT), created("codebuild:StartBuild", PROJECT)), runs,
                "the build's commands run with the role's credentials"));
        all.add(pass("codebuild-create-project-batch", "Create a CodeBuild project with a privileged role and start a batch build",
                CODEBUILD, false, List.of(created("codebuild:CreateProject", PROJECT), created("codebuild:StartBuildBatch", PROJECT)), runs,
                "the batch's builds run their commands with the role's credentials"));
        all.add(pass("codebuild-update-project", "Give an existing CodeBuild project a privileged role and start it", CODEBUILD, false,
                List.of(existing("codebuild:UpdateProject", PROJECT), existing("codebuild:StartBuild", PROJECT)), runs,
                "the next build runs the attacker's commands as the new role"));
        all.add(pass("ecs-run-task", "Register a task definition with a privileged task role and run it", ECS_TASKS, false,
                List.of(created("ecs:RegisterTaskDefinition", TASK_DEFINITION), created("ecs:RunTask", TASK_DEFINITION)), runs,
                "the task's container calls AWS with the task role's credentials"));
        all.add(pass("ecs-start-task", "Register a task definition with a privileged task role and start it on a chosen instance",
                ECS_TASKS, false, List.of(created("ecs:RegisterTaskDefinition", TASK_DEFINITION), created("ecs:StartTask", TASK_DEFINITION)),
                runs, "the task's container calls AWS with the task role's credentials"));
        all.add(pass("ecs-create-service", "Register a task definition with a privileged task role and create a service from it",
                ECS_TASKS, false, List.of(created("ecs:RegisterTaskDefinition", TASK_DEFINITION),
                        created("ecs:CreateService", "arn:aws:ecs:{region}:{account}:service/{name}/{name}")), runs,
                "the service keeps the task running with the task role's credentials"));
        all.add(pass("ecs-update-service", "Switch an existing ECS service to a task definition with a privileged task role", ECS_TASKS,
                false, List.of(created("ecs:RegisterTaskDefinition", TASK_DEFINITION),
                        existing("ecs:UpdateService", "arn:aws:ecs:{region}:{account}:service/{name}/{name}")), runs,
                "the service replaces its tasks with the attacker's, which run with the task role"));
        all.add(pass("batch-submit-job", "Register a Batch job definition with a privileged job role and submit it", ECS_TASKS, false,
                List.of(created("batch:RegisterJobDefinition", "arn:aws:batch:{region}:{account}:job-definition/{name}"),
                        created("batch:SubmitJob", "arn:aws:batch:{region}:{account}:job-definition/{name}")), runs,
                "the job's container runs with the job role's credentials"));
        all.add(pass("datapipeline-create-pipeline", "Create, define and activate a Data Pipeline with a privileged role",
                List.of("datapipeline.amazonaws.com", EC2), false,
                List.of(created("datapipeline:CreatePipeline", "arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}"),
                        created("datapipeline:PutPipelineDefinition", "arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}"),
                        created("datapipeline:ActivatePipeline", "arn:aws:datapipeline:{region}:{account}:pipeline/df-{name}")), runs,
                "a shell command activity runs on pipeline resources with the role's credentials"));
        all.add(pass("stepfunctions-create-state-machine", "Create and start a state machine with a privileged role",
                "states.amazonaws.com", false, List.of(created("states:CreateStateMachine", "arn:aws:states:{region}:{account}:stateMachine:{name}"),
                        created("states:StartExecution", "arn:aws:states:{region}:{account}:stateMachine:{name}")),
                "AWS API calls of its choosing made as the role", "SDK service integrations in the state machine call any API as the role"));
        all.add(pass("scheduler-create-schedule", "Create an EventBridge Scheduler schedule with a privileged role",
                "scheduler.amazonaws.com", false, List.of(created("scheduler:CreateSchedule", "arn:aws:scheduler:{region}:{account}:schedule/default/{name}")),
                "AWS API calls of its choosing made as the role", "a universal target calls any AWS API with the role when the schedule fires"));
        all.add(pass("ssm-start-automation", "Run an SSM Automation runbook with a privileged role", "ssm.amazonaws.com", false,
                List.of(created("ssm:StartAutomationExecution", "arn:aws:ssm:{region}:{account}:automation-definition/{name}:$DEFAULT")),
                "AWS API calls of its choosing made as the role", "the runbook's steps (aws:executeAwsApi, scripts) run as the automation role"));
        all.add(pass("apprunner-create-service", "Create an App Runner service with a privileged instance role", APPRUNNER, false,
                List.of(created("apprunner:CreateService", "arn:aws:apprunner:{region}:{account}:service/{name}/0b0b0b0b")), runs,
                "the service's code runs with the instance role's credentials"));
        all.add(pass("bedrock-agentcore-code-interpreter", "Create an AgentCore code interpreter with a privileged role and run code in it",
                "bedrock-agentcore.amazonaws.com", false,
                List.of(created("bedrock-agentcore:CreateCodeInterpreter", "arn:aws:bedrock-agentcore:{region}:{account}:code-interpreter-custom/{name}"),
                        created("bedrock-agentcore:StartCodeInterpreterSession", "arn:aws:bedrock-agentcore:{region}:{account}:code-interpreter-custom/{name}"),
                        created("bedrock-agentcore:InvokeCodeInterpreter", "arn:aws:bedrock-agentcore:{region}:{account}:code-interpreter-custom/{name}")),
                runs, "code sent to the interpreter session runs with the execution role's credentials"));
    }

    private static void inUseTechniques(List<Technique> all) {
        all.add(inUse("lambda-update-function-code", "Replace the code of a function that runs as a privileged role", LAMBDA, false,
                List.of(existing("lambda:UpdateFunctionCode", FUNCTION)),
                "the next invocation runs the attacker's code with the function's role"));
        all.add(inUse("lambda-update-function-configuration", "Add a layer or wrapper to a function that runs as a privileged role",
                LAMBDA, false, List.of(existing("lambda:UpdateFunctionConfiguration", FUNCTION)),
                "a layer (or AWS_LAMBDA_EXEC_WRAPPER) of the attacker's runs inside the function with its role"));
        all.add(inUse("cloudformation-update-stack", "Update a stack that already has a privileged service role", CLOUDFORMATION, false,
                List.of(existing("cloudformation:UpdateStack", STACK)),
                "without naming a role, an update runs with the role the stack already has, so no iam:PassRole is needed"));
        all.add(inUse("glue-update-dev-endpoint", "Add an SSH key to a Glue development endpoint with a privileged role", GLUE, false,
                List.of(existing("glue:UpdateDevEndpoint", "arn:aws:glue:{region}:{account}:devEndpoint/{name}")),
                "the attacker's key opens the endpoint, which holds the role's credentials"));
        all.add(inUse("sagemaker-presigned-notebook-url", "Open an existing SageMaker notebook that runs as a privileged role",
                SAGEMAKER, false, List.of(existing("sagemaker:CreatePresignedNotebookInstanceUrl", NOTEBOOK)),
                "the presigned URL opens the notebook, whose terminal runs as its role"));
        all.add(inUse("codebuild-start-build-override", "Start a build of a project with a privileged role and override its buildspec",
                CODEBUILD, false, List.of(existing("codebuild:StartBuild", PROJECT)),
                "StartBuild accepts a buildspec override, so the build runs the attacker's commands as the project's role"));
        all.add(inUse("ecs-execute-command", "Open a shell in a running task with a privileged task role", ECS_TASKS, false,
                List.of(existing("ecs:ExecuteCommand", "arn:aws:ecs:{region}:{account}:task/{name}/0b0b0b0b")),
                "ECS Exec gives a shell in the container, where the task role's credentials are available"));
        all.add(inUse("ssm-send-command", "Run commands on an instance with a privileged instance profile", EC2, true,
                List.of(existing("ssm:SendCommand", INSTANCE), existing("ssm:SendCommand", "arn:aws:ssm:{region}::document/AWS-RunShellScript")),
                "Run Command executes the attacker's script on the instance, which can read the profile's credentials"));
        all.add(inUse("ssm-start-session", "Open a Session Manager shell on an instance with a privileged instance profile", EC2, true,
                List.of(existing("ssm:StartSession", INSTANCE)), "the shell on the instance can read the profile's credentials"));
        all.add(inUse("ssm-create-association", "Associate a command document with an instance with a privileged profile", EC2, true,
                List.of(existing("ssm:CreateAssociation", INSTANCE), existing("ssm:CreateAssociation",
                        "arn:aws:ssm:{region}::document/AWS-RunShellScript")),
                "State Manager runs the document's commands on the instance, which can read the profile's credentials"));
        all.add(inUse("ec2-instance-connect", "Push an SSH key to an instance with a privileged instance profile", EC2, true,
                List.of(existing("ec2-instance-connect:SendSSHPublicKey", INSTANCE)),
                "the pushed key logs in to the instance (where the network allows), which can read the profile's credentials"));
        all.add(inUse("ec2-modify-user-data", "Rewrite the user data of an instance with a privileged instance profile", EC2, true,
                List.of(existing("ec2:StopInstances", INSTANCE), existing("ec2:ModifyInstanceAttribute", INSTANCE),
                        existing("ec2:StartInstances", INSTANCE)),
                "stopped, given new user data and started, the instance runs the attacker's script, which can read the profile's credentials"));
        all.add(inUse("apprunner-update-service", "Change the source of an App Runner service with a privileged instance role", APPRUNNER,
                false, List.of(existing("apprunner:UpdateService", "arn:aws:apprunner:{region}:{account}:service/{name}/0b0b0b0b")),
                "the redeployed service runs the attacker's image with the instance role"));
    }

    private static Technique pass(String id, String name, String service, boolean profile, List<Requirement> actions, String gain,
                                  String ending) {
        return pass(id, name, List.of(service), profile, actions, gain, ending);
    }

    private static Technique pass(String id, String name, List<String> services, boolean profile, List<Requirement> actions,
                                  String gain, String ending) {
        List<Requirement> requires = new ArrayList<>();
        requires.add(new Requirement("iam:PassRole", On.TARGET, "", Map.of("iam:PassedToService", "{service}"), Trust.NONE));
        requires.addAll(actions);
        return new Technique(id, name, Kind.PASS_ROLE, BOTH, requires, services, profile, gain, ending);
    }

    private static Technique inUse(String id, String name, String service, boolean profile, List<Requirement> actions, String ending) {
        return new Technique(id, name, Kind.SERVICE_ROLE_IN_USE, BOTH, actions, List.of(service), profile,
                "code of its choosing running with the role's credentials, where a resource already runs as the role", ending);
    }

    private static Requirement self(String action) {
        return self(action, Map.of());
    }

    private static Requirement self(String action, Map<String, String> context) {
        return new Requirement(action, On.SELF, "", context, Trust.NONE);
    }

    private static Requirement target(String action) {
        return target(action, Map.of());
    }

    private static Requirement target(String action, Map<String, String> context) {
        return new Requirement(action, On.TARGET, "", context, Trust.NONE);
    }

    private static Requirement policy(String action) {
        return new Requirement(action, On.POLICY, "", Map.of(), Trust.NONE);
    }

    private static Requirement assume() {
        return new Requirement("sts:AssumeRole", On.TARGET, "", Map.of(), Trust.TARGET_TRUST);
    }

    private static Requirement created(String action, String template) {
        return new Requirement(action, On.NEW, template, Map.of(), Trust.NONE);
    }

    private static Requirement existing(String action, String template) {
        return new Requirement(action, On.EXISTING, template, Map.of(), Trust.NONE);
    }
}
