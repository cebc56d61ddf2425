"""What the scripted tests of a whole Eclipse share (tests/product/run, tests/p2-install/run): checks that print
one line each, keys and clicks with xdotool on the display in DISPLAY, screenshots, and the error log of a
workspace. There is no window manager on the test display: a window gets the keyboard only when told to."""
import glob
import os
import re
import subprocess
import time

# The Resource perspective at the display's 1600x1000, window moved to 0,0: the DFU Devices tab beside Tasks
# (below the editor area), and the first row of the view once that tab is on top.
DFU_DEVICES_TAB = (570, 679)
FIRST_BOARD_ROW = (512, 772)
EDITOR_AREA = (1000, 300)
FILE_MENU = (18, 12)
WORKBENCH_TITLE = " - "  # the workbench window's title is "WORKSPACE - PRODUCT"-like
ERROR, WARNING = 4, 2


class Checks:
    def __init__(self, prefix):
        self.prefix = prefix
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"{self.prefix}: ok     {name}")
        else:
            self.failed += 1
            print(f"{self.prefix}: FAILED {name}{': ' + detail if detail else ''}")
        return ok

    def summary(self):
        return f"{self.prefix}: {self.passed} passed, {self.failed} failed"


def xdotool(*args, check=False):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30, check=check)


def windows(name):
    result = xdotool("search", "--onlyvisible", "--name", name)
    return [w for w in result.stdout.split() if w]


def window_geometry(window):
    """A window's X, Y, WIDTH and HEIGHT on the screen, as xdotool tells them."""
    return {key: int(value) for key, value in
            re.findall(r"(\w+)=(\d+)", xdotool("getwindowgeometry", "--shell", window).stdout)}


def wait_for(condition, limit):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


class Desktop:
    """The workbench window of one running Eclipse, used as a person uses it."""

    def __init__(self, shots, prefix):
        self.shots = shots
        self.prefix = prefix

    def place_window(self):
        xdotool("search", "--onlyvisible", "--name", WORKBENCH_TITLE, "windowmove", "0", "0",
                "windowsize", "1600", "1000")
        time.sleep(4)

    def shot(self, name):
        subprocess.run(["import", "-window", "root", os.path.join(self.shots, f"{self.prefix}-{name}.png")],
                       capture_output=True, timeout=30)

    def click(self, point):
        """A click, after giving the workbench window the keyboard: without a window manager nobody else does."""
        for window in windows(WORKBENCH_TITLE):
            xdotool("windowfocus", window)
        xdotool("mousemove", str(point[0]), str(point[1]), "click", "1")
        time.sleep(0.7)

    def click_at(self, window, from_top_left):
        """A click in a window (a dialog) at a point given from its top left corner."""
        geometry = window_geometry(window)
        xdotool("windowfocus", window)
        xdotool("mousemove", str(geometry["X"] + from_top_left[0]), str(geometry["Y"] + from_top_left[1]), "click", "1")
        time.sleep(0.7)

    def click_button(self, window, from_bottom_right):
        geometry = window_geometry(window)
        x = geometry["X"] + geometry["WIDTH"] - from_bottom_right[0]
        y = geometry["Y"] + geometry["HEIGHT"] - from_bottom_right[1]
        xdotool("mousemove", str(x), str(y), "click", "1")
        time.sleep(0.7)

    def quick_access(self, text):
        """Ctrl+3, the text, Return: the first match runs (a view opens, a command runs)."""
        xdotool("key", "ctrl+3")
        time.sleep(1.2)
        xdotool("type", "--delay", "30", text)
        time.sleep(1.5)
        self.shot("qa-" + text.replace(" ", "-").lower())
        xdotool("key", "Return")
        time.sleep(2.5)

    def file_exit(self):
        """File > Exit (the menu's last item), as a person ends the afternoon."""
        self.click(FILE_MENU)
        xdotool("key", "Up")
        time.sleep(0.5)
        xdotool("key", "Return")


def log_files(workspace):
    """A workspace's error log, its rolled-over files first (glob's * passes over names with a leading dot)."""
    metadata = os.path.join(workspace, ".metadata")
    return sorted(glob.glob(os.path.join(metadata, ".bak_*.log"))) + glob.glob(os.path.join(metadata, ".log"))


def log_entries(workspace):
    """(severity, message) of every entry of a workspace's error log, rolled-over files included."""
    entries = []
    for log in log_files(workspace):
        severity = None
        with open(log, errors="replace") as text:
            for line in text:
                entry = re.match(r"^!ENTRY \S+ (\d+) ", line)
                if entry:
                    severity = int(entry.group(1))
                elif line.startswith("!MESSAGE ") and severity is not None:
                    entries.append((severity, line[len("!MESSAGE "):].strip()))
                    severity = None
    return entries


def check_error_log(checks, workspace):
    """Prints every ERROR and WARNING of the workspace's log; a check that it holds no ERROR."""
    entries = log_entries(workspace)
    errors = [message for severity, message in entries if severity == ERROR]
    warnings = [message for severity, message in entries if severity == WARNING]
    for severity, messages in (("ERROR", errors), ("WARNING", warnings)):
        for message in sorted(set(messages)):
            print(f"{checks.prefix}: log {severity} x{messages.count(message)}: {message}")
    checks.check("the error log holds no ERROR entry", not errors, f"{len(errors)} entries")
