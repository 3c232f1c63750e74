package dev.console3270.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.console3270.api.Bodies.ActionsResult;
import dev.console3270.api.Bodies.FieldInfo;
import dev.console3270.api.Bodies.OiaInfo;
import dev.console3270.api.Bodies.Position;
import dev.console3270.api.Bodies.SessionInfo;
import dev.console3270.api.Bodies.SessionPage;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.NoEndpointAvailableException;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.endpoint.StickyKeys;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.keyboard.Oia;
import dev.console3270.protocol.screen.Field;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.session.ActionCall;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionResult;
import dev.console3270.session.ScreenExport;
import dev.console3270.session.SessionProfile;
import dev.console3270.session.SessionStatus;
import dev.console3270.session.pool.LogonMacro;
import dev.console3270.session.pool.MigrationException;
import dev.console3270.session.pool.PoolLimitException;
import dev.console3270.session.pool.PoolState;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** Sessions, their screens and their input. */
final class SessionResources {
  private static final String BASE = "/api/v1/sessions";
  private static final Duration AID_TIMEOUT = Duration.ofSeconds(30);
  private static final long MAX_WAIT_MS = 300_000;
  private static final Comparator<PooledSession> ORDER =
      Comparator.comparing(PooledSession::created).thenComparing(PooledSession::id);

  private final ApiServices services;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  SessionResources(ApiServices services) {
    this.services = services;
  }

  private SessionPool pool() {
    return services.pool();
  }

  PooledSession session(ApiRequest req) {
    String id = req.param("id");
    return pool().get(id).orElseThrow(() -> ApiException.notFound("no session with id " + id));
  }

  static SessionInfo info(PooledSession s) {
    SessionStatus st = s.status();
    return new SessionInfo(
        s.id(),
        s.name(),
        s.endpointName(),
        s.state().name(),
        String.valueOf(s.created()),
        String.valueOf(s.lastActivity()),
        s.luName() == null ? "" : s.luName(),
        st.host() == null ? "" : st.host(),
        st.port(),
        st.tls(),
        s.bytesIn(),
        s.bytesOut(),
        st.screenVersion());
  }

  // ------------------------------------------------------------------------------ list

  ApiResponse list(ApiRequest req) {
    int limit = intParam(req, "limit", 50, 1, 500);
    PoolState state = null;
    String s = req.query("state");
    if (s != null) {
      try {
        state = PoolState.valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "unknown state '" + s + "'; one of " + List.of(PoolState.values()));
      }
    }
    String endpoint = req.query("endpoint");
    String name = req.query("name");
    String[] after = decodeCursor(req.query("cursor"));
    List<PooledSession> all = new ArrayList<>(pool().list());
    all.sort(ORDER);
    List<PooledSession> page = new ArrayList<>();
    for (PooledSession ps : all) {
      if (after != null && !isAfter(ps, after)) {
        continue;
      }
      if ((state != null && ps.state() != state)
          || (endpoint != null && !endpoint.equals(ps.endpointName()))
          || (name != null && !name.equals(ps.name()))) {
        continue;
      }
      page.add(ps);
      if (page.size() > limit) {
        break;
      }
    }
    String next = null;
    if (page.size() > limit) {
      page.remove(limit);
      next = cursor(page.get(limit - 1));
    }
    List<SessionInfo> items = new ArrayList<>();
    for (PooledSession ps : page) {
      items.add(info(ps));
    }
    return ApiResponse.ok(new SessionPage(items, next));
  }

  private static boolean isAfter(PooledSession ps, String[] after) {
    long secs = ps.created().getEpochSecond();
    long nanos = ps.created().getNano();
    long aSecs = Long.parseLong(after[0]);
    long aNanos = Long.parseLong(after[1]);
    if (secs != aSecs) {
      return secs > aSecs;
    }
    if (nanos != aNanos) {
      return nanos > aNanos;
    }
    return ps.id().compareTo(after[2]) > 0;
  }

  private static String cursor(PooledSession ps) {
    return encode(ps.created().getEpochSecond() + ":" + ps.created().getNano() + ":" + ps.id());
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("v1:" + s).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decodeCursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("v1:")) {
        throw new IllegalArgumentException();
      }
      String[] p = s.substring(3).split(":", -1);
      if (p.length != 3 || p[2].isEmpty()) {
        throw new IllegalArgumentException();
      }
      Long.parseLong(p[0]);
      Long.parseLong(p[1]);
      return p;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid cursor");
    }
  }

  static int intParam(ApiRequest req, String name, int dflt, int min, int max) {
    String v = req.query(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(name + " must be an integer " + min + "-" + max);
  }

  // ------------------------------------------------------------------------------ create

  ApiResponse create(ApiRequest req) {
    Bodies.CreateSession body = req.json(Bodies.CreateSession.class);
    String name = body.name();
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("name is required (1-100 characters)");
    }
    if ((body.endpoint() == null) == (body.group() == null)) {
      throw ApiException.badRequest("give exactly one of endpoint and group");
    }
    if (body.luNames() != null) {
      for (String lu : body.luNames()) {
        if (lu == null || lu.isBlank() || lu.length() > 64) {
          throw ApiException.badRequest("luNames must be non-blank names");
        }
      }
    }
    String stickyKey;
    if (body.stickyKey() != null) {
      try {
        stickyKey = StickyKeys.check(body.stickyKey());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    } else {
      stickyKey = StickyKeys.ofLuNames(body.luNames());
    }
    Endpoint ep;
    if (body.endpoint() != null) {
      ep =
          services
              .registry()
              .get(body.endpoint())
              .map(EndpointView::endpoint)
              .orElseThrow(
                  () -> ApiException.badRequest("no endpoint named '" + body.endpoint() + "'"));
    } else {
      try {
        ep = services.balancer().pick(new PickRequest(body.group(), stickyKey));
      } catch (NoEndpointAvailableException e) {
        throw new ApiException(Problem.Kind.UNAVAILABLE, e.getMessage());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    SessionProfile profile =
        SessionProfile.of(ep.host(), ep.port()).withTlsMode(ep.tlsMode()).withName(name);
    try {
      if (body.model() != null) {
        profile = profile.withModel(TerminalModel.parse(body.model()));
      }
      if (body.luNames() != null) {
        profile = profile.withLuNames(body.luNames());
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    PooledSession ps;
    try {
      ps = pool().create(name, ep.name(), profile, stickyKey);
    } catch (PoolLimitException e) {
      throw new ApiException(Problem.Kind.UNAVAILABLE, e.getMessage());
    } catch (dev.console3270.session.pool.PoolRefusedException e) {
      throw new ApiException(Problem.Kind.FORBIDDEN, e.getMessage());
    } catch (IllegalStateException e) {
      throw new ApiException(Problem.Kind.UNAVAILABLE, e.getMessage());
    }
    return ApiResponse.created(BASE + "/" + ps.id(), info(ps));
  }

  ApiResponse get(ApiRequest req) {
    return ApiResponse.ok(info(session(req)));
  }

  ApiResponse delete(ApiRequest req) {
    PooledSession ps = session(req);
    pool().close(ps.id());
    locks.remove(ps.id());
    return ApiResponse.noContent();
  }

  ApiResponse suspend(ApiRequest req) {
    PooledSession ps = session(req);
    try {
      ps.pause();
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    }
    return ApiResponse.ok(info(ps));
  }

  ApiResponse resume(ApiRequest req) throws InterruptedException {
    PooledSession ps = session(req);
    CompletableFuture<PooledSession> f;
    try {
      f = pool().unlock(ps.id());
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(e.getMessage());
    }
    await(f, 30);
    return ApiResponse.ok(info(ps));
  }

  ApiResponse migrate(ApiRequest req) throws InterruptedException {
    PooledSession ps = session(req);
    Bodies.Migrate body = req.json(Bodies.Migrate.class);
    if (body.endpoint() == null || body.endpoint().isBlank()) {
      throw ApiException.badRequest("endpoint is required");
    }
    Endpoint ep =
        services
            .registry()
            .get(body.endpoint())
            .map(EndpointView::endpoint)
            .orElseThrow(
                () -> ApiException.badRequest("no endpoint named '" + body.endpoint() + "'"));
    SessionProfile target =
        ps.profile().withAddress(ep.host(), ep.port()).withTlsMode(ep.tlsMode());
    LogonMacro logon = new LogonMacro("api", body.logon() == null ? "" : body.logon());
    await(pool().migrate(ps.id(), ep.name(), target, logon), 120);
    return ApiResponse.ok(info(ps));
  }

  private static <T> T await(CompletableFuture<T> f, int seconds) throws InterruptedException {
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new ApiException(Problem.Kind.TIMEOUT, "not done after " + seconds + " s");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof MigrationException || c instanceof IllegalStateException) {
        throw ApiException.conflict(c.getMessage());
      }
      if (c instanceof IllegalArgumentException) {
        throw ApiException.notFound(c.getMessage());
      }
      throw new ApiException(Problem.Kind.BAD_GATEWAY, String.valueOf(c.getMessage()));
    }
  }

  // ------------------------------------------------------------------------------ screen

  /**
   * A screen answer already written: repeated reads of an unchanged screen (pollers) send these
   * bytes again instead of building the JSON anew.
   */
  private record Rendered(String etag, byte[] body) {}

  /** The last answer per session and format ({@code id + "-j"} / {@code "-t"}). */
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

  private final com.fasterxml.jackson.databind.ObjectMapper json = Json.mapper();
  private volatile int pruneAt = 256;

  ApiResponse screen(ApiRequest req) {
    PooledSession ps = session(req);
    String format = req.query("format");
    if (format != null && !format.equals("json") && !format.equals("text")) {
      throw ApiException.badRequest("format must be json or text");
    }
    boolean text = "text".equals(format);
    ScreenSnapshot snap = ps.snapshot();
    SessionStatus st = ps.status();
    Oia oia = st.oia();
    OiaInfo oiaInfo =
        oia == null
            ? new OiaInfo(true, "X Not Connected", false, "", st.tls())
            : new OiaInfo(
                oia.lockReason() != null,
                oia.lockReason() == null ? null : oia.lockReason().indicator(),
                oia.insertMode(),
                oia.luName(),
                oia.tls());
    // the OIA is part of the answer: a keyboard that locks or unlocks changes the tag too
    String etag =
        "\""
            + ps.id()
            + "-"
            + snap.version()
            + "-"
            + Integer.toHexString(oiaInfo.hashCode())
            + (text ? "-t" : "-j")
            + "\"";
    if (matches(req.header("If-None-Match"), etag)) {
      return new ApiResponse(304, null, null, Map.of("ETag", etag, "Cache-Control", "no-cache"));
    }
    String key = ps.id() + (text ? "-t" : "-j");
    Rendered cached = rendered.get(key);
    if (cached == null || !cached.etag().equals(etag)) {
      byte[] body =
          text
              ? ApiResponse.utf8(ScreenExport.text(snap, ps.codePage()))
              : Json.bytes(json, screenBody(snap, ps.codePage(), oiaInfo));
      cached = new Rendered(etag, body);
      rendered.put(key, cached);
      if (rendered.size() > pruneAt) {
        // drop the answers of sessions that are gone; amortised by doubling the threshold
        rendered
            .keySet()
            .removeIf(k -> services.pool().get(k.substring(0, k.length() - 2)).isEmpty());
        pruneAt = Math.max(256, 2 * rendered.size());
      }
    }
    return new ApiResponse(200, text ? "text/plain" : ApiResponse.JSON, cached.body(), Map.of())
        .withHeader("ETag", etag)
        .withHeader("Cache-Control", "no-cache");
  }

  private static Bodies.Screen screenBody(ScreenSnapshot snap, CodePage cp, OiaInfo oiaInfo) {
    String masked = ScreenExport.text(snap, cp);
    List<String> rows = List.of(masked.split("\n", -1)).subList(0, snap.rows());
    String flat = String.join("", rows);
    List<FieldInfo> fields = new ArrayList<>();
    for (Field f : snap.fields()) {
      int start = f.dataStart(snap.size());
      FieldAttribute a = f.attribute();
      String content = null;
      if (!a.isNonDisplay()) {
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
          sb.append(flat.charAt((start + i) % flat.length()));
        }
        content = sb.toString();
      }
      fields.add(
          new FieldInfo(
              start / snap.cols(),
              start % snap.cols(),
              f.length(),
              a.isProtected(),
              a.isNumeric(),
              a.isNonDisplay(),
              a.isIntensified(),
              a.isModified(),
              content));
    }
    return new Bodies.Screen(
        snap.rows(),
        snap.cols(),
        new Position(snap.cursor() / snap.cols(), snap.cursor() % snap.cols()),
        rows,
        fields,
        oiaInfo,
        snap.version());
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String v = t.trim();
      if (v.startsWith("W/")) {
        v = v.substring(2);
      }
      if (v.equals("*") || v.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------ actions

  ApiResponse actions(ApiRequest req) throws InterruptedException {
    PooledSession ps = session(req);
    // each step is a line of action language (String) or parsed calls (List<ActionCall>)
    List<Object> steps = new ArrayList<>();
    String mt = req.mediaType();
    if (mt.equals("text/plain")) {
      for (String line : req.text().split("\r?\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          steps.add(l);
        }
      }
    } else {
      Bodies.Actions body = req.json(Bodies.Actions.class);
      if (body.actions() == null) {
        throw ApiException.badRequest("actions is required");
      }
      for (JsonNode n : body.actions()) {
        if (n != null && n.isTextual()) {
          steps.add(n.asText());
        } else if (n != null && n.isObject()) {
          steps.add(List.of(call(n)));
        } else {
          throw ApiException.badRequest("each action is a string or {name, args}");
        }
      }
      if (body.waitFor() != null) {
        steps.add(List.of(waitCall(body.waitFor(), ps.snapshot())));
      }
    }
    checkInput(ps);
    ReentrantLock lock = locks.computeIfAbsent(ps.id(), k -> new ReentrantLock());
    if (!lock.tryLock(60, TimeUnit.SECONDS)) {
      throw ApiException.conflict("session " + ps.id() + " is busy with other actions");
    }
    ActionInterpreter in = new ActionInterpreter(ps);
    try {
      checkInput(ps);
      in.setAidTimeout(AID_TIMEOUT);
      List<String> out = new ArrayList<>();
      String status = "";
      boolean ok = true;
      for (Object step : steps) {
        ActionResult r;
        if (step instanceof String line) {
          r = in.execute(line);
        } else {
          @SuppressWarnings("unchecked")
          List<ActionCall> calls = (List<ActionCall>) step;
          r = in.execute(calls);
        }
        out.addAll(r.data());
        status = r.status();
        if (!r.success()) {
          ok = false;
          break;
        }
      }
      if (status.isEmpty()) {
        status = in.statusLine(0);
      }
      return ApiResponse.ok(new ActionsResult(ok, out, status, ps.snapshot().version()));
    } finally {
      in.close();
      lock.unlock();
    }
  }

  private static void checkInput(PooledSession ps) {
    PoolState s = ps.state();
    switch (s) {
      case SUSPENDED, IDLE, RECONNECTING, FAILED, CLOSED ->
          throw ApiException.conflict("session " + ps.id() + " is " + s + " and takes no input");
      default -> {
        // goes on
      }
    }
  }

  private static ActionCall call(JsonNode n) {
    JsonNode name = n.get("name");
    JsonNode args = n.get("args");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw ApiException.badRequest("an action object needs a name (string)");
    }
    var it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!f.equals("name") && !f.equals("args")) {
        throw ApiException.badRequest("unknown field '" + f + "' in an action");
      }
    }
    List<String> a = new ArrayList<>();
    if (args != null && !args.isNull()) {
      if (!args.isArray()) {
        throw ApiException.badRequest("args must be an array");
      }
      for (JsonNode x : args) {
        if (x.isTextual() || x.isIntegralNumber()) {
          a.add(x.asText());
        } else {
          throw ApiException.badRequest("args must be strings or integers");
        }
      }
    }
    if (!ActionInterpreter.isKnownAction(name.asText())) {
      throw ApiException.badRequest("unknown action " + name.asText());
    }
    return new ActionCall(name.asText(), a);
  }

  private static ActionCall waitCall(Bodies.WaitSpec w, ScreenSnapshot snap) {
    long ms = w.timeoutMs() == null ? 10_000 : w.timeoutMs();
    if (ms < 1 || ms > MAX_WAIT_MS) {
      throw ApiException.badRequest("wait.timeoutMs must be 1-" + MAX_WAIT_MS);
    }
    String secs = String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    String c = w.condition() == null ? "" : w.condition();
    return switch (c) {
      case "Unlock" -> new ActionCall("Wait", List.of(secs, "Unlock"));
      case "InputField" -> new ActionCall("Wait", List.of(secs, "InputField"));
      case "StringAt" -> {
        if (w.row() == null || w.col() == null || w.text() == null || w.text().isEmpty()) {
          throw ApiException.badRequest("wait StringAt needs row, col and text");
        }
        if (w.row() < 0 || w.row() >= snap.rows() || w.col() < 0 || w.col() >= snap.cols()) {
          throw ApiException.badRequest("wait row/col is off the screen (0-origin)");
        }
        yield new ActionCall(
            "Wait",
            List.of(
                secs,
                "StringAt",
                Integer.toString(w.row() + 1),
                Integer.toString(w.col() + 1),
                w.text()));
      }
      default ->
          throw ApiException.badRequest("wait.condition must be Unlock, InputField or StringAt");
    };
  }
}
