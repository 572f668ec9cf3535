def test_home_shows_council_name(client):
    resp = client.get("/")
    assert resp.status_code == 200
    assert "Hội đồng nhân dân thành phố Lạng Sơn" in resp.get_data(as_text=True)
