// Runs every case of queries.json through the PostgreSQL JDBC driver (pgjdbc) with default
// settings (prepared statements, stringtype unspecified, so setString sends varchar) and prints
// one JSON line per case: {name, ok, columns: [{name, type, kinds, values}], error}.
// Usage: java -cp /usr/share/java/postgresql.jar test/clients/Clients.java QUERIES.json HOST PORT DBNAME
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.*;

public class Clients {
    // ---- a small JSON reader (objects, arrays, strings, numbers, true/false/null)
    static final class Json {
        final String s; int i;
        Json(String s) { this.s = s; }
        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
        Object read() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>(); i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                for (;;) { ws(); String k = (String) read(); ws(); i++; m.put(k, read()); ws();
                    if (s.charAt(i++) == '}') return m; }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>(); i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                for (;;) { l.add(read()); ws(); if (s.charAt(i++) == ']') return l; }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder(); i++;
                for (;;) {
                    char d = s.charAt(i++);
                    if (d == '"') return b.toString();
                    if (d != '\\') { b.append(d); continue; }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break; case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break; case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                }
            }
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int j = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return new BigDecimal(s.substring(j, i));
        }
    }

    static String q(String v) {
        if (v == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String errorJson(SQLException e) {
        String state = e.getSQLState(), msg = e.getMessage(), detail = null, hint = null;
        if (e instanceof org.postgresql.util.PSQLException) {
            org.postgresql.util.ServerErrorMessage m = ((org.postgresql.util.PSQLException) e).getServerErrorMessage();
            if (m != null) { state = m.getSQLState(); msg = m.getMessage(); detail = m.getDetail(); hint = m.getHint(); }
        }
        return "{\"sqlstate\": " + q(state) + ", \"message\": " + q(msg) + ", \"detail\": " + q(detail)
            + ", \"hint\": " + q(hint) + "}";
    }

    // kind (the Java class the driver returns) and the value as PostgreSQL-like text (a JSON value)
    static String[] textOf(Object v) throws SQLException {
        if (v == null) return new String[] {"null", "null"};
        if (v instanceof Boolean) return new String[] {"Boolean", q((Boolean) v ? "t" : "f")};
        if (v instanceof BigDecimal) return new String[] {"BigDecimal", q(((BigDecimal) v).toPlainString())};
        if (v instanceof java.sql.Array) {
            Object[] a = (Object[]) ((java.sql.Array) v).getArray();
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < a.length; k++) b.append(k > 0 ? ", " : "").append(q(a[k] == null ? null : a[k].toString()));
            return new String[] {"Array", b.append(']').toString()};
        }
        if (v instanceof org.postgresql.util.PGobject)
            return new String[] {"PGobject", q(((org.postgresql.util.PGobject) v).getValue())};
        return new String[] {v.getClass().getSimpleName(), q(v.toString())};
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, Object> doc = (Map<String, Object>) new Json(
            new String(Files.readAllBytes(Path.of(args[0])), StandardCharsets.UTF_8)).read();
        // What the README documents (section "Connecting from clients").
        String url = "jdbc:postgresql://" + args[1] + ":" + args[2] + "/" + args[3]
            + "?user=postgres&currentSchema=kolmetrics,public";
        Map<String, String> typeNames = new HashMap<>();
        try (Connection conn = DriverManager.getConnection(url)) {
            for (Object co : (List<Object>) doc.get("cases")) {
                Map<String, Object> c = (Map<String, Object>) co;
                String name = (String) c.get("name");
                StringBuilder out = new StringBuilder("{\"name\": " + q(name) + ", ");
                try (PreparedStatement ps = conn.prepareStatement((String) c.get("sql"))) {
                    int n = 1;
                    for (Object po : (List<Object>) c.get("params")) {
                        Map<String, Object> p = (Map<String, Object>) po;
                        Object v = p.get("value");
                        switch ((String) p.get("kind")) {
                            case "int": ps.setLong(n, ((BigDecimal) v).longValueExact()); break;
                            case "float": ps.setDouble(n, ((BigDecimal) v).doubleValue()); break;
                            case "decimal": ps.setBigDecimal(n, new BigDecimal((String) v)); break;
                            case "string": ps.setString(n, (String) v); break;
                            case "bool": ps.setBoolean(n, (Boolean) v); break;
                            case "list_of_string":
                                ps.setArray(n, conn.createArrayOf("text", ((List<Object>) v).toArray())); break;
                            case "null": ps.setNull(n, Types.NULL); break;
                            default: throw new IllegalArgumentException((String) p.get("kind"));
                        }
                        n++;
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int nc = md.getColumnCount();
                        List<List<String[]>> cols = new ArrayList<>();
                        for (int k = 0; k < nc; k++) cols.add(new ArrayList<>());
                        while (rs.next())
                            for (int k = 0; k < nc; k++) cols.get(k).add(textOf(rs.getObject(k + 1)));
                        out.append("\"ok\": true, \"columns\": [");
                        for (int k = 0; k < nc; k++) {
                            // the driver's type name (pg_type.typname), as PostgreSQL names it
                            String tn = md.getColumnTypeName(k + 1);
                            if (!typeNames.containsKey(tn)) {
                                try (PreparedStatement t = conn.prepareStatement("SELECT to_regtype(?)::text")) {
                                    t.setString(1, tn);
                                    try (ResultSet r = t.executeQuery()) { r.next(); typeNames.put(tn, r.getString(1)); }
                                }
                            }
                            StringBuilder kinds = new StringBuilder(), vals = new StringBuilder();
                            for (String[] kv : cols.get(k)) {
                                kinds.append(kinds.length() > 0 ? ", " : "").append(q(kv[0]));
                                vals.append(vals.length() > 0 ? ", " : "").append(kv[1]);
                            }
                            out.append(k > 0 ? ", " : "").append("{\"name\": ").append(q(md.getColumnLabel(k + 1)))
                               .append(", \"type\": ").append(q(typeNames.get(tn))).append(", \"driver_type\": ").append(q(tn))
                               .append(", \"kinds\": [").append(kinds).append("], \"values\": [").append(vals).append("]}");
                        }
                        out.append("], \"error\": null}");
                    }
                } catch (SQLException e) {
                    out.setLength(0);
                    out.append("{\"name\": ").append(q(name)).append(", \"ok\": false, \"columns\": [], \"error\": ")
                       .append(errorJson(e)).append('}');
                }
                System.out.println(out);
            }
        }
    }
}
