package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.Condition.Operator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of a rule's conditions: {@code <attribute> <op> <value>}, op one of
 * {@code == != < <= > >=}, e.g. {@code mlpsLevel >= 3} or {@code grade != IV}. The value may be
 * quoted ({@code dataGrade == "important"}); it is compared as a number when both sides are
 * numbers, else as text.
 */
final class Conditions {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*(==|!=|<=|>=|<|>)\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"']+)\\s*");
    private static final Map<String, Operator> OPERATORS = Map.of("==", Operator.EQ, "!=", Operator.NE,
            "<", Operator.LT, "<=", Operator.LE, ">", Operator.GT, ">=", Operator.GE);

    private Conditions() {
    }

    /** @throws IllegalArgumentException saying what the syntax is */
    static Condition parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + YamlTree.shorten(String.valueOf(text))
                    + "' is not a condition; write <attribute> <op> <value> with op one of == != < <= > >=, e.g. mlpsLevel >= 3");
        }
        String value = m.group(3);
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' compares with an empty value; write <attribute> <op> <value>, e.g. mlpsLevel >= 3");
        }
        return new Condition(m.group(1), OPERATORS.get(m.group(2)), value);
    }
}
