package dev.console3270.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo application's files, loaded once per host: every screen and the customer list.
 *
 * @param screens the screens by name
 * @param customers the customers in number order
 */
public record DemoContent(Map<String, ScreenDefinition> screens, List<Customer> customers) {

  /** The names of the screen files the application uses. */
  public static final List<String> SCREEN_NAMES =
      List.of("signon", "menu1", "menu2", "help", "customers", "entry", "colours", "wide", "about");

  public DemoContent {
    screens = Map.copyOf(screens);
    customers = List.copyOf(customers);
  }

  /**
   * Loads every screen file and the customers from the classpath.
   *
   * @throws ScreenFileException when a screen file is missing or malformed
   */
  public static DemoContent load() {
    Map<String, ScreenDefinition> screens = new LinkedHashMap<>();
    for (String name : SCREEN_NAMES) {
      screens.put(name, ScreenFile.load(name));
    }
    return new DemoContent(screens, Customer.load());
  }

  /** The screen with this name. */
  public ScreenDefinition screen(String name) {
    ScreenDefinition s = screens.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no screen " + name);
    }
    return s;
  }
}
