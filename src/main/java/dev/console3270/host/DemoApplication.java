package dev.console3270.host;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo application of one connection: sign-on, a two-page menu, customer inquiry, data entry,
 * the colour showcase, a 27x132 wide screen, help and an about screen. Pure state machine: a Read
 * Modified in, the next screen (or a disconnect) out.
 */
public final class DemoApplication {

  private static final Logger LOG = LoggerFactory.getLogger(DemoApplication.class);

  /** The demo users and their passwords (not case-sensitive, like classic host passwords). */
  public static final Map<String, String> USERS = Map.of("DEMO", "DEMO3270", "ADMIN", "ADMIN3270");

  /** Customers per page of the inquiry. */
  public static final int PAGE_SIZE = 10;

  /** What to do next. */
  public sealed interface Step permits Show, Disconnect {}

  /**
   * Show a screen.
   *
   * @param display the screen, its values and cursor
   */
  public record Show(ScreenRenderer.Display display) implements Step {}

  /**
   * Close the connection.
   *
   * @param reason for the log
   */
  public record Disconnect(String reason) implements Step {}

  private static final List<String> COLOUR_FIELDS =
      List.of(
          "blue",
          "red",
          "pink",
          "green",
          "turquoise",
          "yellow",
          "white",
          "reverse",
          "underscore",
          "blink",
          "intensify");

  private final String hostName;
  private final ClientTerminal terminal;
  private final DemoContent content;
  private final String peer;
  private ScreenRenderer.Display current;
  private ScreenRenderer.Display beforeHelp;
  private String user;
  private int customerPage;
  private int payments;
  private String lastPayment = "";

  /**
   * An application for one client.
   *
   * @param hostName the host's name, shown on every screen
   * @param terminal the client's terminal
   * @param content the screens and data
   * @param peer the client's address, for logs
   */
  public DemoApplication(
      String hostName, ClientTerminal terminal, DemoContent content, String peer) {
    this.hostName = hostName;
    this.terminal = terminal;
    this.content = content;
    this.peer = peer;
  }

  /** The first screen: sign-on. */
  public Step start() {
    return signOn("", "", false);
  }

  /** The screen shown now. */
  public ScreenRenderer.Display current() {
    return current;
  }

  /** Rows times columns of the screen shown now, as the client sees it. */
  public int bufferSize() {
    return rows() * columns();
  }

  /** Columns of the screen shown now, as the client sees it. */
  public int columns() {
    return current != null && current.screen().alternate()
        ? terminal.model().altCols()
        : TerminalModel.DEFAULT_COLS;
  }

  private int rows() {
    return current != null && current.screen().alternate()
        ? terminal.model().altRows()
        : TerminalModel.DEFAULT_ROWS;
  }

  /** Handles one attention from the client. */
  public Step handle(ReadModified in) {
    Map<String, String> fields = in.byName(current.screen(), columns());
    Aid aid = in.aid();
    if (aid == Aid.CLEAR || aid == Aid.PA1 || aid == Aid.PA2 || aid == Aid.PA3) {
      return show(current.screen().name(), without(current.values(), "message"), null, false);
    }
    String screen = current.screen().name();
    if (aid == Aid.PF1 && !screen.equals("help")) {
      beforeHelp = current;
      return show("help", Map.of("topic", current.screen().title()), null, false);
    }
    return switch (screen) {
      case "signon" -> onSignOn(aid, fields);
      case "menu1", "menu2" -> onMenu(aid, fields, screen.equals("menu1") ? 1 : 2);
      case "help" -> onHelp(aid);
      case "customers" -> onCustomers(aid);
      case "entry" -> onEntry(aid, fields);
      case "wide" -> onSimple(aid, "wide", wideValues());
      default -> onSimple(aid, screen, current.values());
    };
  }

  private Step onSignOn(Aid aid, Map<String, String> fields) {
    if (aid == Aid.PF3) {
      return new Disconnect("client ended the session at sign-on");
    }
    if (aid != Aid.ENTER) {
      return signOn(fields.getOrDefault("userid", ""), "Key not active here: Enter=Sign on", true);
    }
    String id = fields.getOrDefault("userid", "").strip().toUpperCase(Locale.ROOT);
    String password = fields.getOrDefault("password", "").strip().toUpperCase(Locale.ROOT);
    if (id.isEmpty()) {
      return signOn("", "Enter your user id and password", true);
    }
    String expected = USERS.get(id);
    if (expected == null || !expected.equals(password)) {
      LOG.info("{}: sign-on refused for user {}", peer, id);
      return signOn(id, "Sign-on failed: user id or password not valid", true);
    }
    user = id;
    LOG.info("{}: user {} signed on", peer, id);
    return menu(1, "Signed on as " + id + ". Welcome!", false);
  }

  private Step signOn(String userid, String message, boolean alarm) {
    Map<String, String> v = new HashMap<>();
    v.put("userid", userid);
    v.put("message", message);
    v.put("device", terminal.deviceName() == null ? "" : terminal.deviceName());
    return show("signon", v, userid.isEmpty() ? "userid" : "password", alarm);
  }

  private Step menu(int page, String message, boolean alarm) {
    return show(
        "menu" + page, Map.of("user", user == null ? "" : user, "message", message), null, alarm);
  }

  private Step onMenu(Aid aid, Map<String, String> fields, int page) {
    switch (aid) {
      case PF3 -> {
        LOG.info("{}: user {} logged off", peer, user);
        user = null;
        return signOn("", "You have logged off", false);
      }
      case PF7 -> {
        return page == 1 ? menu(1, "Already on the first page", true) : menu(1, "", false);
      }
      case PF8 -> {
        return page == 2 ? menu(2, "Already on the last page", true) : menu(2, "", false);
      }
      case ENTER -> {
        // below
      }
      default -> {
        return menu(page, "Key not active here: PF1, PF3, PF7, PF8 or Enter", true);
      }
    }
    String op = fields.getOrDefault("op", "").strip();
    return switch (op) {
      case "" -> menu(page, "Type an option number and press Enter", true);
      case "1" -> customers(0, "");
      case "2" -> entry(Map.of(), "", null, false);
      case "3" -> colours();
      case "4" -> wide(page);
      case "5" -> about();
      case "6" -> {
        LOG.info("{}: user {} logged off", peer, user);
        user = null;
        yield signOn("", "You have logged off", false);
      }
      default -> menu(page, "Option " + op + " is not valid: choose 1 to 6", true);
    };
  }

  private Step onHelp(Aid aid) {
    if (aid == Aid.ENTER || aid == Aid.PF3) {
      ScreenRenderer.Display back = beforeHelp;
      beforeHelp = null;
      if (back == null) {
        return signOn("", "", false);
      }
      current = back;
      return new Show(back);
    }
    return show("help", current.values(), null, true);
  }

  private int pages() {
    return Math.max(1, (content.customers().size() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  private Step customers(int page, String message) {
    customerPage = page;
    Map<String, String> v = new HashMap<>();
    List<Customer> all = content.customers();
    for (int i = 0; i < PAGE_SIZE; i++) {
      int k = page * PAGE_SIZE + i;
      v.put("row" + (i + 1), k < all.size() ? " " + all.get(k).row() : "");
    }
    v.put("page", "Page " + (page + 1) + " of " + pages());
    v.put("message", message);
    return show("customers", v, null, !message.isEmpty());
  }

  private Step onCustomers(Aid aid) {
    return switch (aid) {
      case PF3 -> menu(1, "", false);
      case PF7 ->
          customerPage == 0
              ? customers(0, "Already on the first page")
              : customers(customerPage - 1, "");
      case PF8 ->
          customerPage + 1 >= pages()
              ? customers(customerPage, "Already on the last page")
              : customers(customerPage + 1, "");
      default -> customers(customerPage, "Use PF7 and PF8 to page, PF3 to go back");
    };
  }

  private Step entry(Map<String, String> entered, String message, String cursor, boolean alarm) {
    Map<String, String> v = new HashMap<>(entered);
    v.put("operator", user == null ? "" : user);
    v.put("date", LocalDate.now().toString());
    v.put("last", lastPayment);
    v.put("message", message);
    return show("entry", v, cursor, alarm);
  }

  private Step onEntry(Aid aid, Map<String, String> fields) {
    if (aid == Aid.PF3) {
      return menu(1, "", false);
    }
    if (aid != Aid.ENTER) {
      return entry(fields, "Key not active here: Enter, PF1 or PF3", null, true);
    }
    Map<String, String> entered = new HashMap<>();
    for (String f : List.of("custno", "amount", "reference")) {
      entered.put(f, fields.getOrDefault(f, "").strip());
    }
    String custno = entered.get("custno");
    Customer customer = null;
    if (custno.matches("\\d{1,6}")) {
      int n = Integer.parseInt(custno);
      customer = content.customers().stream().filter(c -> c.number() == n).findFirst().orElse(null);
    }
    if (customer == null) {
      return entry(
          entered, "Customer number must be 1 to " + content.customers().size(), "custno", true);
    }
    entered.put("custname", customer.name());
    String amount = entered.get("amount");
    BigDecimal value = null;
    if (amount.matches("\\d{1,5}(\\.\\d{1,2})?")) {
      value = new BigDecimal(amount);
    }
    if (value == null || value.signum() <= 0) {
      return entry(
          entered, "Amount must be a number like 125.00, from 0.01 to 99999.99", "amount", true);
    }
    if (entered.get("reference").isEmpty()) {
      return entry(entered, "Reference is required", "reference", true);
    }
    payments++;
    String id = String.format(Locale.ROOT, "%04d", payments);
    lastPayment =
        String.format(
            Locale.ROOT,
            "%s: %s to customer %05d %s, ref %s",
            id,
            value.setScale(2),
            customer.number(),
            customer.name(),
            entered.get("reference"));
    LOG.info("{}: user {} recorded payment {}", peer, user, id);
    return entry(Map.of(), "Payment " + id + " recorded", null, false);
  }

  private Step colours() {
    Map<String, String> v = new HashMap<>();
    for (String f : COLOUR_FIELDS) {
      v.put(f, f.substring(0, 1).toUpperCase(Locale.ROOT) + f.substring(1));
    }
    if (!terminal.model().extended()) {
      v.put("message", "This terminal has no extended data stream: no colours or highlighting");
    } else if (!terminal.model().color()) {
      v.put("message", "This terminal is monochrome: colours may show as intensity");
    }
    return show("colours", v, null, false);
  }

  private Map<String, String> wideValues() {
    Map<String, String> v = new HashMap<>();
    v.put("size", terminal.model().altRows() + " x " + terminal.model().altCols());
    List<Customer> all = content.customers();
    for (int i = 0; i < 10; i++) {
      StringBuilder row = new StringBuilder();
      if (i < all.size()) {
        row.append(' ').append(all.get(i).row());
      }
      if (i + 10 < all.size()) {
        row.append("   ").append(all.get(i + 10).row(), 0, 43);
      }
      v.put("wide" + (i + 1), row.toString());
    }
    return v;
  }

  private Step wide(int menuPage) {
    if (!terminal.supportsAlternate(27, 132)) {
      return menu(
          menuPage,
          "The wide screen needs 27x132 (model 5); "
              + terminal.terminalType()
              + " has "
              + terminal.model().altRows()
              + "x"
              + terminal.model().altCols(),
          true);
    }
    return show("wide", wideValues(), null, false);
  }

  private Step about() {
    Map<String, String> v = new HashMap<>();
    v.put("name", hostName);
    v.put("device", terminal.deviceName() == null ? "(none)" : terminal.deviceName());
    v.put("ttype", terminal.terminalType());
    v.put("mode", terminal.tn3270e() ? "TN3270E" : "TN3270");
    v.put("defsize", "24 x 80");
    v.put("altsize", terminal.model().altRows() + " x " + terminal.model().altCols());
    v.put("user", user == null ? "" : user);
    return show("about", v, null, false);
  }

  private Step onSimple(Aid aid, String screen, Map<String, String> values) {
    if (aid == Aid.PF3 || aid == Aid.ENTER && !screen.equals("colours")) {
      return menu(1, "", false);
    }
    Map<String, String> v = new HashMap<>(values);
    v.put("message", aid == Aid.ENTER ? "" : "Key not active here: PF1 or PF3");
    return show(screen, v, null, aid != Aid.ENTER);
  }

  private static Map<String, String> without(Map<String, String> values, String key) {
    Map<String, String> v = new HashMap<>(values);
    v.remove(key);
    return v;
  }

  private Step show(String screen, Map<String, String> values, String cursor, boolean alarm) {
    Map<String, String> v = new HashMap<>(values);
    v.put("hostname", hostName);
    current = new ScreenRenderer.Display(content.screen(screen), v, cursor, alarm);
    return new Show(current);
  }
}
