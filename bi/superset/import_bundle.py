"""Import a bundle ZIP (bi/superset/bundle.py) into Superset, overwriting every object of the same UUID.

`superset import-dashboards` keeps an existing database connection, dataset and chart as they are
(it overwrites the dashboard only), so a changed chart or a warehouse URL pointing elsewhere would
never arrive. Superset's ImportAssetsCommand (what POST /api/v1/assets/import/ runs) overwrites
everything. Runs with Superset's Python (.venv-bi, or the compose container):

    python import_bundle.py BUNDLE.zip ADMIN_USERNAME
"""
import sys
import zipfile

from superset.app import create_app

app = create_app()
with app.app_context():
    from superset import security_manager
    from superset.commands.importers.v1.assets import ImportAssetsCommand
    from superset.commands.importers.v1.utils import get_contents_from_bundle
    from superset.utils.core import override_user

    with zipfile.ZipFile(sys.argv[1]) as bundle:
        contents = get_contents_from_bundle(bundle)
    with override_user(security_manager.find_user(username=sys.argv[2])):
        ImportAssetsCommand(contents).run()
    print(f"imported {len(contents)} files of {sys.argv[1]}")
