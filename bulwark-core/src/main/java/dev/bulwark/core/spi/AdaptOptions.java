package dev.bulwark.core.spi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values inputs need from the user to be evaluated: Terraform variables ({@code --var},
 * {@code --var-file}) and CloudFormation parameters ({@code --cfn-param}).
 *
 * @param variables {@code name=value} pairs in the order given (later ones win)
 * @param variableFiles {@code .tfvars} files in the order given
 * @param parameters CloudFormation parameter values by name (pseudo parameters such as
 *     {@code AWS::Region} included)
 */
public record AdaptOptions(List<Map.Entry<String, String>> variables, List<Path> variableFiles, Map<String, String> parameters) {
    public AdaptOptions {
        variables = List.copyOf(variables);
        variableFiles = List.copyOf(variableFiles);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static AdaptOptions none() {
        return new AdaptOptions(List.of(), List.of(), Map.of());
    }
}
