/**
 * The condition language of playbooks and policies: the expressions the seed writes in {@code
 * auto_approve_if}, {@code require_human_if}, {@code rollback_if}, {@code auto_fix_if}, {@code
 * auto_apply_if}, {@code if}, {@code constraints}, health {@code checks} and the approval gates,
 * such as {@code severity == P0 AND off_hours == true}, {@code action IN ['restart_pod',
 * 'scale_deployment']}, {@code blast_radius < 10_pods}, {@code savings > $50/month} or {@code
 * latency_p99 < 500ms}.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.condition.Condition}: compile once ({@code
 *       Condition.compile(text)} or against a {@link
 *       io.github.aiplaybooks.core.condition.FactSchema FactSchema}), then {@code test}, {@code
 *       evaluate} (three-valued) or {@code explain}.
 *   <li>{@link io.github.aiplaybooks.core.condition.Facts}: the values conditions read, converted
 *       once when built.
 *   <li>{@link io.github.aiplaybooks.core.condition.Quantity}, {@link
 *       io.github.aiplaybooks.core.condition.DurationLiteral}, {@link
 *       io.github.aiplaybooks.core.condition.TimeWindow} and {@link
 *       io.github.aiplaybooks.core.condition.Rate}: the literals, for loaders that read {@code
 *       "timeout": "10m"}, {@code "timeframe": "last_7_days"} or {@code "5 per hour"}.
 *   <li>{@link io.github.aiplaybooks.core.condition.ConditionException} and its three kinds.
 * </ul>
 *
 * <pre>{@code
 * Condition c = Condition.compile("severity == P0 AND off_hours == true");
 * c.test(Facts.of(Map.of("severity", "P0", "off_hours", true)));   // true
 * }</pre>
 *
 * <h2>Grammar</h2>
 *
 * <p>In EBNF; keywords ({@code AND OR NOT IN true false}) match in any case; blanks separate
 * tokens; a condition is at most 8192 characters, and parentheses and {@code NOT} nest at most 64
 * deep.
 *
 * <pre>
 * condition   = or ;
 * or          = and , { ( "OR" | "||" ) , and } ;
 * and         = not , { ( "AND" | "&amp;&amp;" ) , not } ;
 * not         = ( "NOT" | "!" ) , not | primary ;
 * primary     = "(" , or , ")" | predicate ;
 * predicate   = operand , [ compare-op , operand
 *                         | [ "NOT" ] , "IN" , ( list | operand ) ] ;
 * compare-op  = "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ;
 * operand     = identifier | literal ;
 * list        = "[" , [ list-item , { "," , list-item } ] , "]" ;
 * list-item   = literal | identifier ;              (* an identifier in a list is a symbol *)
 * literal     = string | quantity | "true" | "false" ;
 * string      = "'" , { char | escape } , "'" | '"' , { char | escape } , '"' ;
 * escape      = "\" , ( "\" | "'" | '"' | "n" | "t" | "r" ) ;
 * identifier  = word-start , { word-char | ( "." | "-" ) , word-char } ;   (* not a keyword *)
 * word-start  = letter | "_" ;
 * word-char   = letter | digit | "_" ;
 * quantity    = [ "-" ] , ( number , [ suffix ] | "$" , number , [ "/month" ] ) ;
 * number      = digit , { digit } , [ "." , digit , { digit } ] ;
 * suffix      = "%" | "x" | "X" | time-unit | "_" , unit | blank , { blank } , time-word ;
 * unit        = letter , { word-char } ;             (* a time unit here makes a duration *)
 * time-unit   = "ms" | "s" | "m" | "h" | "d" | "w" | time-word ;
 * time-word   = "ms" | "msec" | "millisecond" | "sec" | "second" | "min" | "minute"
 *             | "hr" | "hour" | "day" | "week" | ... ;   (* and plurals; words in any case *)
 * </pre>
 *
 * <p>Precedence, tightest first: comparison and {@code IN}, then {@code NOT}, then {@code AND},
 * then {@code OR}. So {@code NOT a == b} is {@code NOT (a == b)} (a comparison's operands are
 * values, never conditions), and {@code a OR b AND c} is {@code a OR (b AND c)}.
 *
 * <h2>Names: facts and symbols</h2>
 *
 * <p>A bare identifier names a fact. On the right of {@code ==}, {@code !=} and {@code IN}, an
 * identifier that is not a fact is a symbol, a string written without quotes ({@code P0}, {@code
 * production}, {@code low}): compiled against a {@link
 * io.github.aiplaybooks.core.condition.FactSchema FactSchema}, "not a fact" means not declared;
 * compiled without one, it means not in the facts given at evaluation. With a schema, a symbol one
 * edit (an insertion, deletion, substitution or swap of neighbours) from a declared fact, or equal
 * to one but for case, is an {@link io.github.aiplaybooks.core.condition.UnknownFactException} that
 * names both and says to quote the symbol if one was meant: as a symbol, a misspelt fact would make
 * the comparison silently false. An undeclared identifier anywhere else is an {@link
 * io.github.aiplaybooks.core.condition.UnknownFactException} at compile time, with the closest
 * declared name as a suggestion. Identifiers inside a list literal are always symbols. A bare
 * boolean fact ({@code template_available}) is a condition by itself.
 *
 * <h2>Values and units</h2>
 *
 * <ul>
 *   <li>{@code 20%} is the ratio 0.2; {@code 2x} is the ratio 2.0.
 *   <li>{@code 500ms}, {@code 30s}, {@code 10m}, {@code 4h}, {@code 7d}, {@code 1w}, {@code 7
 *       days}, {@code 7_days}, {@code 2.5 hours} are durations, in milliseconds.
 *   <li>{@code $50} and {@code $50/month} are money, in US dollars (per month).
 *   <li>{@code 10_pods} is a count of pods; counts compare only with counts of the same unit.
 *   <li>A plain number compares with any quantity and is read in its base unit: ratio (1.0 = 100%),
 *       milliseconds, US dollars per month, count. So {@code cost_increase < 20%} holds for the
 *       fact {@code 0.15} and for the fact {@code "15%"}.
 *   <li>Fact strings that are entirely a quantity literal with a unit ({@code "12%"}, {@code
 *       "350ms"}, {@code "$65/month"}, {@code "10_pods"}) are that quantity; other strings (also
 *       {@code "12"}) are strings.
 *   <li>{@code ==} and {@code !=} compare booleans with booleans, strings with strings, and
 *       quantities that compare; {@code < <= > >=} only quantities. Anything else (money with a
 *       duration, a string with a number, {@code 10_pods} with {@code 10_nodes}, a list outside
 *       {@code IN}) is a {@link io.github.aiplaybooks.core.condition.ConditionTypeException}: at
 *       compile time when literals or declared types show it, else at evaluation. It is never read
 *       as {@code false}.
 *   <li>{@code x IN list} holds when some element of {@code x} equals some element of {@code list},
 *       where a list is a list literal or a list fact and a single value is a list of one: {@code
 *       action IN ['restart_pod', 'scale_deployment']} tests one action; {@code namespaces IN
 *       ['prod']} with a list fact holds if any of them is {@code prod}. {@code NOT IN} is its
 *       negation, so {@code namespaces NOT IN ['prod']} holds when none is.
 * </ul>
 *
 * <h2>Missing facts</h2>
 *
 * <p>A comparison that reads an absent fact is unknown. {@link
 * io.github.aiplaybooks.core.condition.Condition#evaluate evaluate} combines unknowns with Kleene
 * logic ({@code UNKNOWN OR TRUE} is true, {@code UNKNOWN AND FALSE} is false, {@code NOT UNKNOWN}
 * is unknown); {@link io.github.aiplaybooks.core.condition.Condition#test test} throws {@link
 * io.github.aiplaybooks.core.condition.UnknownFactException} when the result is unknown.
 */
package io.github.aiplaybooks.core.condition;
