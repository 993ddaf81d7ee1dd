"""The platform part of the reader needs Django and a database. The reader's own tests also run
without Django (`pytest -p no:django --confcutdir=mujun/reader mujun/reader/tests`); this folder
is left out of such a run."""


def pytest_ignore_collect(collection_path, config):
    return not config.pluginmanager.hasplugin("django")
